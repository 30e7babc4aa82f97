"""Documents of headings, paragraphs and tables with merged cells, written as XLSX (openpyxl) or PDF (reportlab).

A table is a ``Grid``: rows of ``GridCell`` placed at their column, with row and column spans, so the
official layouts of national report forms (heading cells over several columns or rows) come out the same
in both files. A document is a list of blocks: ``Heading(text)``, ``Paragraph(text)`` or a ``Grid``.
PDFs embed the Chinese font of ``core.pdf_font`` (only the glyphs used).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape


@dataclass
class GridCell:
    text: object
    column: int
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


@dataclass
class Grid:
    columns: int
    rows: list = field(default_factory=list)  # lists of GridCell
    widths: tuple = ()  # relative widths, one per column (equal when empty)


@dataclass
class Heading:
    text: str


@dataclass
class Paragraph:
    text: str


def _words(title, blocks):
    words = [title]
    for block in blocks:
        if isinstance(block, Grid):
            words += [str(cell.text) for row in block.rows for cell in row]
        else:
            words.append(block.text)
    return "".join(words)


def to_xlsx(title, blocks, sheet_title="报告"):
    """One sheet: the title, then each block below the previous one; tables with borders and merged cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    width = max([block.columns for block in blocks if isinstance(block, Grid)] or [1])
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def line(text, font=None, alignment=wrap):
        nonlocal row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row, 1, text)
        cell.alignment = alignment
        if font is not None:
            cell.font = font
        row += 1

    row = 1
    line(title, Font(bold=True, size=14), centre)
    for block in blocks:
        if isinstance(block, Heading):
            row += 1
            line(block.text, Font(bold=True))
        elif isinstance(block, Paragraph):
            line(block.text)
        else:
            for cells in block.rows:
                for item in cells:
                    target = sheet.cell(row, item.column + 1, item.text)
                    target.alignment = centre if item.header else wrap
                    if item.header:
                        target.font = Font(bold=True)
                    if item.rowspan > 1 or item.colspan > 1:
                        sheet.merge_cells(
                            start_row=row,
                            start_column=item.column + 1,
                            end_row=row + item.rowspan - 1,
                            end_column=item.column + item.colspan,
                        )
                for column in range(1, block.columns + 1):
                    sheet.cell(row, column).border = border
                row += 1
    sheet.column_dimensions["A"].width = 36
    for column in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def to_pdf(title, blocks, author=""):
    """An A4 PDF: the title, then each block; tables drawn with their spans, in the embedded Chinese font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    from .pdf_font import register_font

    font = register_font(_words(title, blocks))
    base = ParagraphStyle("text", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", parent=base, fontSize=8, leading=10)
    heading_style = ParagraphStyle("heading", parent=base, fontSize=12, leading=18, spaceBefore=6)
    title_style = ParagraphStyle("title", parent=base, fontSize=15, leading=22, alignment=1)
    usable = A4[0] - 30 * mm

    def table(grid):
        data = [["" for _ in range(grid.columns)] for _ in grid.rows]
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        for index, cells in enumerate(grid.rows):
            for item in cells:
                data[index][item.column] = Para(escape(str(item.text)), cell_style)
                if item.rowspan > 1 or item.colspan > 1:
                    end = (item.column + item.colspan - 1, index + item.rowspan - 1)
                    style.append(("SPAN", (item.column, index), end))
                if item.header:
                    style.append(
                        ("BACKGROUND", (item.column, index), (item.column, index), colors.Color(0.92, 0.92, 0.92))
                    )
        weights = grid.widths or (1,) * grid.columns
        widths = [usable * weight / sum(weights) for weight in weights]
        result = Table(data, colWidths=widths)
        result.setStyle(TableStyle(style))
        return result

    story = [Para(escape(title), title_style), Spacer(1, 4 * mm)]
    for block in blocks:
        if isinstance(block, Heading):
            story.append(Para(escape(block.text), heading_style))
        elif isinstance(block, Paragraph):
            story.append(Para(escape(block.text), base))
        else:
            story += [Spacer(1, 2 * mm), table(block), Spacer(1, 2 * mm)]
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author=author,
    )
    document.build(story)
    return output.getvalue()
