"""A small generated PDF that stands in for each output's real document."""

import textwrap


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", errors="replace") + b")"


def make_pdf(lines: list[str]) -> bytes:
    """A minimal valid one-page A4 PDF showing ``lines`` in Helvetica (WinAnsi encoding)."""
    content = [b"BT", b"/F1 13 Tf", b"18 TL", b"72 760 Td"]
    for n, line in enumerate(lines):
        if n:
            content.append(b"T*")
        content.append(_pdf_string(line) + b" Tj")
    content.append(b"ET")
    stream = b"\n".join(content) + b"\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def output_pdf(title: str, coalition: str) -> bytes:
    lines = ["This file stands in for the real document:", ""]
    lines += textwrap.wrap(title, 70)
    lines += [
        f"— {line}" if n == 0 else line for n, line in enumerate(textwrap.wrap(coalition, 68))
    ]
    lines += ["", "Sample for the demo."]
    return make_pdf(lines)
