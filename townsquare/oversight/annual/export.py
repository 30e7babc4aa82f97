"""The annual report's official layout as cells, and its XLSX (openpyxl) and PDF (reportlab) files.

``layout(report)`` turns the rows into the grid every format draws: three heading columns
(outer group, sub-group, item) and the value column, group headings merged over the rows
they head. HTML, XLSX and PDF all use it, so the three show the same cells and figures.

PDF: the Chinese font of ``ANNUAL_REPORT_PDF_FONT`` embedded (only the glyphs used; see
``core.pdf_font``), so every viewer shows the text; without that file, reportlab's CID font
STSong-Light, which viewers without Adobe's Chinese font pack show as blanks.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone

from townsquare.core.pdf_font import register_font

from .figures import REPORT_TIMEZONE

LABEL_COLUMNS = 3
HEADINGS = ("项目", "", "", "数值")


@dataclass
class Cell:
    text: str
    column: int
    rowspan: int = 1
    colspan: int = 1
    id: str = ""


@dataclass
class GridRow:
    row: object  # figures.Row
    headings: list = field(default_factory=list)  # Cells starting on this line
    header_ids: list = field(default_factory=list)  # every heading cell that applies to the value
    group: str = ""

    @property
    def figure(self):
        return self.row.figure

    @property
    def key(self):
        return self.row.key


def heading_text(row, level):
    text = row.labels[level]
    if level == len(row.labels) - 1 and row.unit:
        text += f"（单位：{row.unit}）"
    return text


def layout(report):
    """Grid rows of ``report``: each with the heading cells that start on it (rowspans and colspans set)."""
    rows = report.rows
    grid = []
    open_cells = {}  # level -> (prefix, Cell)
    for index, row in enumerate(rows):
        line = GridRow(row=row, group=row.labels[0])
        depth = len(row.labels)
        for level in range(depth):
            prefix = row.labels[: level + 1]
            current = open_cells.get(level)
            is_leaf = level == depth - 1
            if current is not None and current[0] == prefix and not is_leaf:
                current[1].rowspan += 1
                line.header_ids.append(current[1].id)
                continue
            cell = Cell(
                text=heading_text(row, level),
                column=level,
                colspan=LABEL_COLUMNS - level if is_leaf else 1,
                id=f"h{index}-{level}",
            )
            line.headings.append(cell)
            line.header_ids.append(cell.id)
            open_cells[level] = (prefix, cell)
            for deeper in [lvl for lvl in open_cells if lvl > level]:
                del open_cells[deeper]
        grid.append(line)
    return grid


def grouped(grid):
    """Grid rows in groups by their outer heading (one <tbody> each)."""
    groups = []
    for line in grid:
        if groups and groups[-1][0] == line.group:
            groups[-1][1].append(line)
        else:
            groups.append((line.group, [line]))
    return groups


def title_of(report):
    return f"{report.year}年度{report.title}"


def scope_line(report):
    generated = timezone.localtime(report.generated_at, REPORT_TIMEZONE)
    period = f"{report.year}年1月1日至12月31日（北京时间）"
    return f"范围：{report.scope_label}　统计期间：{period}　生成时间：{generated:%Y-%m-%d %H:%M}"


def signature_line(report):
    return "　".join(f"{label}：{value or '________'}" for label, value in report.signature)


def filename(report, extension):
    scope = report.unit.slug if report.unit is not None else "county"
    return f"annual-report-{report.year}-{scope}.{extension}"


# --- XLSX --------------------------------------------------------------------------------------


def to_xlsx(report):
    """The report as an Excel workbook (bytes): the official layout with merged heading cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{report.year}年度报表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    fill_in = PatternFill("solid", fgColor="FFF2CC")

    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    sheet.cell(1, 1, title_of(report)).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = centre
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=4)
    sheet.cell(2, 1, scope_line(report)).alignment = wrap
    header_row = 3
    sheet.merge_cells(start_row=header_row, start_column=1, end_row=header_row, end_column=3)
    sheet.cell(header_row, 1, "项目").font = Font(bold=True)
    sheet.cell(header_row, 4, "数值").font = Font(bold=True)
    for column in range(1, 5):
        sheet.cell(header_row, column).border = border
        sheet.cell(header_row, column).alignment = centre

    first = header_row + 1
    grid = layout(report)
    for offset, line in enumerate(grid):
        excel_row = first + offset
        for cell in line.headings:
            column = cell.column + 1
            sheet.cell(excel_row, column, cell.text).alignment = wrap
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(
                    start_row=excel_row,
                    start_column=column,
                    end_row=excel_row + cell.rowspan - 1,
                    end_column=column + cell.colspan - 1,
                )
        value_cell = sheet.cell(excel_row, 4, xlsx_value(line.figure))
        value_cell.alignment = wrap
        if isinstance(line.figure.value, float):
            value_cell.number_format = "0.0"
        if line.figure.fill_in and line.figure.value in (None, ""):
            value_cell.fill = fill_in
        for column in range(1, 5):
            sheet.cell(excel_row, column).border = border
    last = first + len(grid)
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=4)
    sheet.cell(last, 1, signature_line(report)).alignment = wrap
    sheet.merge_cells(start_row=last + 1, start_column=1, end_row=last + 1, end_column=4)
    sheet.cell(
        last + 1,
        1,
        "注：标为“请填写”的数字平台无法统计，请按实际填写。其余数字由平台数据计算，可在管理后台逐项查看明细。",
    )
    for letter, width in zip("ABCD", (16, 22, 30, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_value(figure):
    """Numbers as numbers (so Excel can add them), everything else as its display text."""
    if isinstance(figure.value, bool):
        return figure.display
    if isinstance(figure.value, int | float):
        return figure.value
    return figure.display


# --- PDF ---------------------------------------------------------------------------------------

PDF_NOTE = "注：标为“请填写”的数字平台无法统计，请按实际填写。其余数字由平台数据计算，可在管理后台逐项查看明细。"


def to_pdf(report):
    """The report as an A4 PDF (bytes): the same grid with spans, in an embedded Chinese font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    grid = layout(report)
    words = [title_of(report), scope_line(report), signature_line(report), PDF_NOTE, "项目数值"]
    for line in grid:
        words += [str(line.figure.display), *(cell.text for cell in line.headings)]
    font = register_font("".join(words))
    base = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    title_style = ParagraphStyle("title", parent=base, fontSize=15, leading=20, alignment=1)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=11)

    def para(text, style=base):
        from xml.sax.saxutils import escape

        return Paragraph(escape(str(text)), style)

    data = [[para("项目"), "", "", para("数值")]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("SPAN", (0, 0), (2, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
    ]
    for offset, line in enumerate(grid, start=1):
        cells = ["", "", "", para(line.figure.display)]
        for cell in line.headings:
            cells[cell.column] = para(cell.text)
            if cell.rowspan > 1 or cell.colspan > 1:
                style.append(
                    ("SPAN", (cell.column, offset), (cell.column + cell.colspan - 1, offset + cell.rowspan - 1))
                )
        if line.figure.fill_in and line.figure.value in (None, ""):
            style.append(("BACKGROUND", (3, offset), (3, offset), colors.Color(1, 0.95, 0.8)))
        data.append(cells)
    table = Table(data, colWidths=[26 * mm, 34 * mm, 56 * mm, 64 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))

    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title_of(report),
        author=report.scope_label,
    )
    story = [
        para(title_of(report), title_style),
        Spacer(1, 3 * mm),
        para(scope_line(report), small),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 4 * mm),
        para(signature_line(report)),
        Spacer(1, 2 * mm),
        para(PDF_NOTE, small),
    ]
    document.build(story)
    return output.getvalue()


def display_width(text):
    """Terminal columns of ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def to_text(report):
    """Plain text for the terminal: one line per row."""
    lines = [title_of(report), scope_line(report), ""]
    rows = report.text_rows()
    width = max(display_width(label) for label, _ in rows)
    for label, value in rows:
        lines.append(f"{label}{' ' * (width - display_width(label))}  {value}")
    lines += ["", signature_line(report)]
    return "\n".join(lines) + "\n"
