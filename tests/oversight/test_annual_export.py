"""The annual report as XLSX, PDF, HTML and text: same cells and figures in every format, and the command."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories import NewsPageFactory, PolicyPageFactory
from townsquare.oversight.annual.export import layout, to_pdf, to_xlsx
from townsquare.oversight.annual.report import build_annual_report

from .annual_factories import YEAR, channel, dated, local, resident_request

pytestmark = pytest.mark.django_db

FIRST_ROW = 4  # title, scope line, column headings


@pytest.fixture
def report(county):
    news = county.county.section("news")
    for day in (1, 2):
        dated(NewsPageFactory(parent=news), local(YEAR, 10, day))
    dated(PolicyPageFactory(parent=county.county.section("policy")), local(YEAR, 10, 3))
    resident_request(county.town_a.unit, local(YEAR, 10, 1), answered=timedelta(days=4))
    channel(county.town_a.unit, "wechat", "青禾发布")
    return build_annual_report(YEAR)


def test_xlsx_cells_hold_the_same_figures_as_the_report(report):
    sheet = load_workbook(io.BytesIO(to_xlsx(report))).active

    for offset, row in enumerate(report.rows):
        cell = sheet.cell(FIRST_ROW + offset, 4)
        if isinstance(cell.value, int | float):  # numbers stay numbers, so Excel can add them up
            assert float(cell.value) == float(row.figure.display), row.key
            assert isinstance(row.figure.value, float) == (cell.number_format == "0.0")
        else:
            assert cell.value == row.figure.display, row.key
    assert sheet.cell(1, 1).value == f"{YEAR}年度政府网站与政务新媒体工作年度报表"


def test_xlsx_merges_the_group_headings(report):
    sheet = load_workbook(io.BytesIO(to_xlsx(report))).active
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    grid = layout(report)
    start = next(i for i, line in enumerate(grid) if line.row.labels[0] == "信息发布")
    size = sum(1 for line in grid if line.row.labels[0] == "信息发布")

    assert sheet.cell(FIRST_ROW + start, 1).value == "信息发布"
    assert f"A{FIRST_ROW + start}:A{FIRST_ROW + start + size - 1}" in merged
    assert f"A{FIRST_ROW}:C{FIRST_ROW}" in merged  # 网站名称 spans the three heading columns


def test_pdf_has_pages_and_the_text_and_figures(report):
    pdf = to_pdf(report)

    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    for words in ("政府网站与政务新媒体工作年度报表", "信息公开目录信息更新量", "平均办理时间", "青禾发布", "请填写"):
        assert words in text
    assert "4.0" in text  # the average time to answer


def test_layout_spans_cover_every_row_once(report):
    grid = layout(report)
    covered = [[0] * 3 for _ in grid]
    for index, line in enumerate(grid):
        for cell in line.headings:
            for r in range(index, index + cell.rowspan):
                for c in range(cell.column, cell.column + cell.colspan):
                    covered[r][c] += 1

    assert all(row == [1, 1, 1] for row in covered)


def test_command_prints_the_table_as_text(report, capsys):
    call_command("annual_report", "--year", str(YEAR))

    out = capsys.readouterr().out
    assert f"{YEAR}年度政府网站与政务新媒体工作年度报表" in out
    news_line = next(line for line in out.splitlines() if line.startswith("信息发布 / 政务动态信息更新量"))
    assert news_line.split()[-1] == "2"


def test_command_writes_each_format(report, tmp_path):
    for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>")):
        target = tmp_path / f"report.{fmt}"
        call_command(
            "annual_report", "--year", str(YEAR), "--format", fmt, "--output", str(target), stdout=io.StringIO()
        )
        assert target.read_bytes().startswith(magic)
    html = (tmp_path / "report.html").read_text()
    assert '<th scope="col" id="col-value">数值</th>' in html
    assert "青禾发布" in html


def test_command_for_one_unit_and_a_clear_error_for_an_unknown_one(report, capsys):
    call_command("annual_report", "--year", str(YEAR), "--unit", "青禾镇")
    assert "范围：青禾镇" in capsys.readouterr().out

    with pytest.raises(CommandError, match="没有找到单位"):
        call_command("annual_report", "--year", str(YEAR), "--unit", "不存在镇")
