"""公开年报 files: the XLSX opens with openpyxl and the PDF with pypdf, both with the report's figures."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from townsquare.disclosure.annual import export
from townsquare.disclosure.annual.tables import build

from .factories import AnnualReportFactory

pytestmark = pytest.mark.django_db


def sheet_values(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [value for row in sheet.iter_rows(values_only=True) for value in row if value is not None]


def test_the_xlsx_holds_the_title(town_a):
    values = sheet_values(export.xlsx(build(AnnualReportFactory(unit=town_a.unit))))
    assert values[0] == "青禾镇2025年政府信息公开工作年度报告"


def test_the_xlsx_holds_an_entered_figure_as_a_number(town_a):
    values = sheet_values(export.xlsx(build(AnnualReportFactory(unit=town_a.unit, licensing=4321))))
    assert 4321 in values


def test_the_xlsx_holds_every_applications_row(town_a):
    data = build(AnnualReportFactory(unit=town_a.unit))
    values = sheet_values(export.xlsx(data))
    assert all(any(row["label"] in str(value) for value in values) for row in data["applications"]["rows"])


def test_the_pdf_opens_and_holds_a_figure(town_a):
    content = export.pdf(build(AnnualReportFactory(unit=town_a.unit, penalty=8765)))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "8765" in text


def test_the_pdf_holds_the_section_headings(town_a):
    content = export.pdf(build(AnnualReportFactory(unit=town_a.unit)))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "行政复议" in text
