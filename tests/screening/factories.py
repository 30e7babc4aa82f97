"""Test data for the screening: checksum-valid numbers (fictional) and documents of each format."""

import io
import zipfile

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(first17="11010119900307123"):
    """An 18-digit ID number with its GB 11643 check digit."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def luhn(stem):
    """``stem`` and its Luhn check digit."""
    total = 0
    for i, d in enumerate(reversed(stem)):
        n = int(d) * (1 if i % 2 else 2)
        total += n - 9 if n > 9 else n
    return stem + str((10 - total % 10) % 10)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _runs(text, split=None):
    """A paragraph whose text is cut into runs at ``split`` positions (as Word does with formatting)."""
    cuts = [0, *(split or []), len(text)]
    runs = "".join(
        f'<w:r><w:t xml:space="preserve">{text[a:b]}</w:t></w:r>' for a, b in zip(cuts, cuts[1:], strict=False)
    )
    return f"<w:p>{runs}</w:p>"


def docx_bytes(paragraphs=(), table=(), split=None):
    """A minimal DOCX: ``paragraphs`` (strings), then a table of ``table`` rows (lists of cell texts)."""
    body = "".join(_runs(p, split) for p in paragraphs)
    if table:
        rows = "".join(
            "<w:tr>"
            + "".join(f"<w:tc>{''.join(_runs(line) for line in cell.split(chr(10)))}</w:tc>" for cell in row)
            + "</w:tr>"
            for row in table
        )
        body += f"<w:tbl>{rows}</w:tbl>"
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    document = f"{declaration}<w:document {W_NS}><w:body>{body}</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def xlsx_bytes(sheets):
    """An XLSX with ``{sheet title: rows}``."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_bytes(lines):
    """A PDF with ``lines`` of text, in the project's Chinese font when it is installed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from townsquare.core.pdf_font import embedded_font

    text = "".join(lines)
    font = embedded_font(text)
    if font is None:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont(font, 11)
    y = 800
    for line in lines:
        pdf.drawString(50, y, line)
        y -= 18
    pdf.save()
    return out.getvalue()
