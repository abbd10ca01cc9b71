"""The open-data exports: the results (CSV, JSON, workbook) as the visitor may see them on the
pages, and, for organisers, the anonymised marks (CSV, workbook).

Every export covers the current session, or the one of ``?session=<year>``. What it holds
depends on who asks (which sheets, hidden issues, small cells), so it is sent with
``Cache-Control: private`` and ``Vary: Cookie``. CSV and JSON stream as they are written; a
workbook is written (row by row) into a temporary file that is streamed. The results exports
read the results the pages read (cached for 10 s): the CSV and the workbook those of the
overview, the JSON those with breakdowns (each issue's figures are the same in both).
"""

import re
from collections.abc import Iterable, Iterator
from functools import wraps

from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_cookie

from igfsession.context_processors import request_current_session
from igfsession.models import Session
from igfsession.permissions import organisers_only

from .. import respondent
from ..exports import columns, files, responses, results
from ..results import visible_results

YEAR = re.compile(r"[0-9]{4}")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def _session(request) -> Session:
    """The current session, or the one of ``?session=<year>``; 404 without one. Raises
    ValueError for a ``?session=`` that is not a year."""
    asked = request.GET.get("session")
    if asked is None:
        session = request_current_session(request)
        if session is None:
            raise Http404(_("No session is current."))
        return session
    if not YEAR.fullmatch(asked):
        raise ValueError(asked)
    # A year holds one session; should it hold more, the current one, else the first made.
    session = Session.objects.filter(year=int(asked)).order_by("-is_current", "pk").first()
    if session is None:
        raise Http404(_("There is no session in %(year)s.") % {"year": asked})
    return session


def export(view):
    """GET (and HEAD) only; the session from the request; private, varying with the cookie."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            session = _session(request)
        except ValueError:
            return HttpResponseBadRequest(
                _("?session= takes a year of four digits, for example ?session=2015."),
                content_type="text/plain; charset=utf-8",
            )
        return view(request, session, *args, **kwargs)

    return require_safe(vary_on_cookie(cache_control(private=True)(wrapped)))


def _in_language(chunks: Iterable[str | bytes]) -> Iterator[bytes]:
    """The chunks, written (when the server reads them, after the view) in the request's
    language, as UTF-8."""
    language = translation.get_language()  # now, in the view: the body below runs later

    def written():
        with translation.override(language):
            for chunk in chunks:
                yield chunk.encode() if isinstance(chunk, str) else chunk

    return written()


def _download(chunks, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_in_language(chunks), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _visible(request, session, *, breakdowns=False):
    return visible_results(
        request.user, respondent.respondent_hash(request), session, breakdowns=breakdowns
    )


@export
def results_csv(request, session):
    """One row per issue of the sheets the visitor may see."""
    rows = results.csv_rows(_visible(request, session))
    return _download(
        files.csv_lines(columns.RESULTS_HEADER, rows),
        CSV_CONTENT_TYPE,
        f"{session.slug}-results.csv",
    )


@export
def results_json(request, session):
    """``{"generated_at", "method", "sheets"}``, each sheet with its issues and breakdowns."""
    visible = _visible(request, session, breakdowns=True)
    chunks = results.json_chunks(session, visible, request.build_absolute_uri)
    return StreamingHttpResponse(_in_language(chunks), content_type=JSON_CONTENT_TYPE)


@export
def results_xlsx(request, session):
    """A worksheet per output with the CSV's columns, and one of definitions."""
    visible = _visible(request, session)
    method = columns.method()
    rules = {name: text for name, text in method.items() if name != "definitions"}
    file = files.results_workbook(
        ((item.sheet.code, results.issue_rows([item])) for item in visible),
        columns.column_definitions(),
        rules,
    )
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{session.slug}-results.xlsx",
        content_type=files.XLSX_CONTENT_TYPE,
    )


@organisers_only
@export
def responses_csv(request, session):
    """Organisers: one row per mark of the counted responses, anonymised."""
    return _download(
        files.csv_lines(columns.RESPONSES_HEADER, responses.response_rows(session)),
        CSV_CONTENT_TYPE,
        f"{session.slug}-responses.csv",
    )


@organisers_only
@export
def responses_xlsx(request, session):
    """Organisers: responses.csv as a workbook, with the definitions of its columns."""
    file = files.responses_workbook(
        columns.RESPONSES_HEADER,
        responses.response_rows(session),
        columns.response_column_definitions(),
    )
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{session.slug}-responses.xlsx",
        content_type=files.XLSX_CONTENT_TYPE,
    )
