"""Documents: the text of PDF, DOCX and XLSX files with where each piece is, masked copies, and unreadable files."""

import io

import pytest

from townsquare.screening import documents
from townsquare.screening.scanner import mask_in, scan_text

from .factories import docx_bytes, id_number, pdf_bytes, xlsx_bytes

ID = id_number()


def hits_in(name, data):
    return [hit for where, text in documents.pieces(name, data) for hit in scan_text(text, where)]


def test_an_id_number_in_a_pdf_is_found_with_its_page():
    data = pdf_bytes(["危房改造补助对象公示", f"王建华 {ID} D级"])

    assert [(h.kind, h.where) for h in hits_in("名单.pdf", data)] == [("id_number", "名单.pdf 第1页")]


def test_an_id_number_in_a_docx_table_cell_is_found_with_its_cell():
    data = docx_bytes(["公示名单"], table=[["姓名", "身份证号"], ["王建华", ID]])

    assert [h.where for h in hits_in("名单.docx", data)] == ["名单.docx 表格1 第2行第2列"]


def test_an_id_number_split_over_two_lines_of_a_docx_cell_is_found():
    data = docx_bytes(table=[[f"{ID[:10]}\n{ID[10:]}"]])

    assert [h.kind for h in hits_in("名单.docx", data)] == ["id_number"]


def test_a_number_cut_into_runs_by_formatting_is_found():
    data = docx_bytes(["联系电话13812345678"], split=[6, 10])

    assert [h.kind for h in hits_in("通知.docx", data)] == ["mobile"]


def test_every_sheet_of_an_xlsx_is_read():
    data = xlsx_bytes({"汇总": [["户数", 3]], "名单": [["王建华", ID]]})

    assert [h.where for h in hits_in("名单.xlsx", data)] == ["名单.xlsx 工作表“名单”第1行"]


def test_a_mobile_number_typed_across_three_cells_is_found():
    data = xlsx_bytes({"名单": [["王建华", "138", "1234", "5678"]]})

    assert [h.kind for h in hits_in("名单.xlsx", data)] == ["mobile"]


def test_a_damaged_file_is_reported_unreadable():
    with pytest.raises(documents.Unreadable):
        documents.pieces("名单.docx", b"not a zip file")


def test_a_masked_docx_copy_has_the_number_masked_across_runs():
    data = docx_bytes([f"身份证号{ID}。"], split=[6, 12])
    hit = hits_in("名单.docx", data)[0]

    copy = documents.masked_copy("名单.docx", data, lambda text: mask_in(text, hit))

    assert [text for _, text in documents.pieces("名单.docx", copy)] == [f"身份证号{hit.masked}。"]


def test_a_masked_xlsx_copy_has_the_number_masked():
    from openpyxl import load_workbook

    data = xlsx_bytes({"名单": [["王建华", ID]]})
    hit = hits_in("名单.xlsx", data)[0]

    copy = documents.masked_copy("名单.xlsx", data, lambda text: mask_in(text, hit))

    assert load_workbook(io.BytesIO(copy))["名单"]["B1"].value == "110***********1233"


def test_a_pdf_has_no_masked_copy():
    data = pdf_bytes([ID])

    assert documents.masked_copy("名单.pdf", data, lambda text: text.replace(ID, "*" * 18)) is None
