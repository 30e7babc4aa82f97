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
    text: object  # a number stays a number in the XLSX
    column: int
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    display: str = ""  # the PDF's text when it differs from ``text`` (a rounded number)
    number_format: str = ""  # XLSX number format, e.g. "0.0"
    highlight: bool = False  # a cell to fill in by hand: shaded in both files

    @property
    def shown(self):
        return self.display or str(self.text)


@dataclass
class Grid:
    columns: int
    rows: list = field(default_factory=list)  # lists of GridCell
    widths: tuple = ()  # relative widths, one per column (equal when empty)
    header_rows: int = 0  # repeated at the top of each PDF page


@dataclass
class Heading:
    text: str


@dataclass
class Paragraph:
    text: str
    small: bool = False  # a note (PDF: smaller type)


def _words(title, blocks):
    words = [title]
    for block in blocks:
        if isinstance(block, Grid):
            words += [cell.shown for row in block.rows for cell in row]
        else:
            words.append(block.text)
    return "".join(words)


def to_xlsx(title, blocks, sheet_title="报告", column_widths=()):
    """One sheet: the title, then each block below the previous one; tables with borders and merged cells.

    ``column_widths``: Excel widths of the columns from A (default: A 36, the others 12)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    width = max([block.columns for block in blocks if isinstance(block, Grid)] or [1])
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    shade = PatternFill("solid", fgColor="FFF2CC")

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
                    if item.number_format:
                        target.number_format = item.number_format
                    if item.highlight:
                        target.fill = shade
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
    widths = list(column_widths) or [36] + [12] * (width - 1)
    for column, column_width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = column_width
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
    small_style = ParagraphStyle("small", parent=base, fontSize=8, leading=11)
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
                data[index][item.column] = Para(escape(item.shown), cell_style)
                if item.rowspan > 1 or item.colspan > 1:
                    end = (item.column + item.colspan - 1, index + item.rowspan - 1)
                    style.append(("SPAN", (item.column, index), end))
                if item.header or item.highlight:
                    shade = colors.Color(0.92, 0.92, 0.92) if item.header else colors.Color(1, 0.95, 0.8)
                    style.append(("BACKGROUND", (item.column, index), (item.column, index), shade))
        weights = grid.widths or (1,) * grid.columns
        widths = [usable * weight / sum(weights) for weight in weights]
        result = Table(data, colWidths=widths, repeatRows=grid.header_rows)
        result.setStyle(TableStyle(style))
        return result

    story = [Para(escape(title), title_style), Spacer(1, 4 * mm)]
    for block in blocks:
        if isinstance(block, Heading):
            story.append(Para(escape(block.text), heading_style))
        elif isinstance(block, Paragraph):
            story.append(Para(escape(block.text), small_style if block.small else base))
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
