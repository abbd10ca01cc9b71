"""Writing rows out: CSV text a line at a time, and workbooks (openpyxl in write-only mode, which
writes each row out as it comes) into a temporary file that the view streams.

In a workbook every text is a text: openpyxl would read a string starting with ``=`` as a
formula, and a participant's comment must never become one.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .columns import DECIMALS, RESULTS_HEADER

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKSHEET_TITLE_MAX = 31  # Excel's limit
_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
_BOLD = Font(bold=True)


class _Line:
    """A file that hands back what is written to it: csv.writer then makes one line a call."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[bytes]:
    """RFC 4180 CSV (Python's csv module: CRLF, quotes where needed), UTF-8, a line at a time."""
    writer = csv.writer(_Line())
    yield writer.writerow(header).encode()
    for row in rows:
        yield writer.writerow(row).encode()


def _cell(sheet, value, *, number_format: str | None = None, bold=False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never a formula
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = _BOLD
    return cell


def _header(sheet, names: Iterable[str]) -> None:
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, name, bold=True) for name in names])


def _worksheet_title(text: str, taken: set[str]) -> str:
    """A worksheet title Excel accepts: at most 31 characters, none of []:*?/\\, unique in the
    workbook whatever the case, and not Excel's reserved "History"."""
    base = ILLEGAL_CHARACTERS_RE.sub("", text).translate(_TITLE_FORBIDDEN).strip("'") or "-"
    title, n = base[:WORKSHEET_TITLE_MAX], 1
    while title.lower() in taken or title.lower() == "history":
        n += 1
        suffix = f" ({n})"
        title = base[: WORKSHEET_TITLE_MAX - len(suffix)] + suffix
    taken.add(title.lower())
    return title


def _definitions_sheet(workbook, taken: set[str], definitions: dict[str, str]):
    sheet = workbook.create_sheet(_worksheet_title(_("Definitions"), taken))
    _header(sheet, [_("Column"), _("Definition")])
    for name, text in definitions.items():
        sheet.append([_cell(sheet, name), _cell(sheet, text)])
    return sheet


def _saved(workbook):
    """The workbook in a temporary file, at its start (deleted when closed)."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it after sending
    workbook.save(file)
    file.seek(0)
    return file


_RESULTS_FORMATS = tuple(
    f"0.{'0' * DECIMALS[name]}" if name in DECIMALS else None for name in RESULTS_HEADER
)


def results_workbook(
    sheets: Iterable[tuple[str, Iterable[tuple]]], definitions: dict[str, str], rules: dict
):
    """A worksheet per output (``(title, issue rows)``, the results CSV's columns, numbers as
    numbers), then the definitions of every column and the method's rules. An open file."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(_worksheet_title(title, taken))
        _header(sheet, RESULTS_HEADER)
        for row in rows:
            sheet.append(
                [
                    _cell(sheet, value, number_format=number_format)
                    for value, number_format in zip(row, _RESULTS_FORMATS, strict=True)
                ]
            )
    definitions_sheet = _definitions_sheet(workbook, taken, definitions)
    definitions_sheet.append([])
    for name, text in rules.items():
        definitions_sheet.append([_cell(definitions_sheet, name), _cell(definitions_sheet, text)])
    return _saved(workbook)


def responses_workbook(header: Iterable[str], rows: Iterable[tuple], definitions: dict[str, str]):
    """One worksheet of marks (``header``, then ``rows``; marks 5..1 as numbers, ``confusion``
    as text), then the definitions of its columns. An open file."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    sheet = workbook.create_sheet(_worksheet_title(_("Marks"), taken))
    header = tuple(header)
    mark = header.index("mark")
    _header(sheet, header)
    for row in rows:
        values = list(row)
        if values[mark] != "confusion":
            values[mark] = int(values[mark])
        sheet.append([_cell(sheet, value) for value in values])
    _definitions_sheet(workbook, taken, definitions)
    return _saved(workbook)
