"""The annual report's official layout as cells, and its XLSX and PDF files (written by ``core.gridfiles``).

``layout(report)`` turns the rows into the grid every format draws: three heading columns
(outer group, sub-group, item) and the value column, group headings merged over the rows
they head. HTML, XLSX and PDF all use it, so the three show the same cells and figures.

PDF: the Chinese font of ``ANNUAL_REPORT_PDF_FONT`` embedded (only the glyphs used; see
``core.pdf_font``), so every viewer shows the text; without that file, reportlab's CID font
STSong-Light, which viewers without Adobe's Chinese font pack show as blanks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone

from townsquare.core import gridfiles
from townsquare.core.gridfiles import Grid, GridCell, Paragraph

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


# --- XLSX and PDF (core.gridfiles) ------------------------------------------------------------

NOTE = "注：标为“请填写”的数字平台无法统计，请按实际填写。其余数字由平台数据计算，可在管理后台逐项查看明细。"


def xlsx_value(figure):
    """Numbers as numbers (so Excel can add them), everything else as its display text."""
    if isinstance(figure.value, bool):
        return figure.display
    if isinstance(figure.value, int | float):
        return figure.value
    return figure.display


def table_of(report):
    """The grid as a ``core.gridfiles.Grid``: the heading row, then each row's heading cells and its value."""
    rows = [[GridCell("项目", 0, colspan=LABEL_COLUMNS, header=True), GridCell("数值", LABEL_COLUMNS, header=True)]]
    for line in layout(report):
        cells = [GridCell(c.text, c.column, colspan=c.colspan, rowspan=c.rowspan) for c in line.headings]
        figure = line.figure
        cells.append(
            GridCell(
                xlsx_value(figure),
                LABEL_COLUMNS,
                display=str(figure.display),
                number_format="0.0" if isinstance(figure.value, float) else "",
                highlight=bool(figure.fill_in and figure.value in (None, "")),
            )
        )
        rows.append(cells)
    return Grid(LABEL_COLUMNS + 1, rows, widths=(26, 34, 56, 64), header_rows=1)


def blocks(report):
    return [
        Paragraph(scope_line(report), small=True),
        table_of(report),
        Paragraph(signature_line(report)),
        Paragraph(NOTE, small=True),
    ]


def to_xlsx(report):
    """The report as an Excel workbook (bytes): the official layout with merged heading cells."""
    return gridfiles.to_xlsx(
        title_of(report), blocks(report), sheet_title=f"{report.year}年度报表", column_widths=(16, 22, 30, 40)
    )


def to_pdf(report):
    """The report as an A4 PDF (bytes): the same grid with spans, in an embedded Chinese font."""
    return gridfiles.to_pdf(title_of(report), blocks(report), author=report.scope_label)


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
