"""Attached documents are screened at 终审: a DOCX gets a masked copy in one click; a PDF must be replaced."""

from django.urls import reverse

from townsquare.screening import documents
from townsquare.screening.models import Finding

from ..helpers import login, review
from .conftest import ID, make_document, policy_at_final_step
from .factories import pdf_bytes


def test_an_id_number_in_an_attachment_holds_the_policy_back(county, policy_with_docx):
    page, _document = policy_with_docx

    assert not review(page, county.media.reviewer).live


def test_the_finding_names_the_document_and_cell(county, policy_with_docx):
    page, document = policy_with_docx
    review(page, county.media.reviewer)

    finding = Finding.objects.get()
    assert (finding.document, finding.where) == (document, "名单.docx 表格1 第1行第2列")


def test_masking_a_docx_replaces_the_document_with_a_masked_copy(county, policy_with_docx, client):
    page, document = policy_with_docx
    review(page, county.media.reviewer)
    login(client, county.media.reviewer)

    client.post(reverse("screening_page", args=[page.pk]), {"finding": Finding.objects.get().pk, "action": "mask"})

    document.refresh_from_db()
    with document.file.open("rb") as handle:
        texts = [text for _, text in documents.pieces(document.filename, handle.read())]
    assert "110***********1233" in texts and ID not in "".join(texts)


def test_after_masking_the_attachment_the_policy_is_approved(county, policy_with_docx, client):
    page, _document = policy_with_docx
    review(page, county.media.reviewer)
    login(client, county.media.reviewer)
    client.post(reverse("screening_page", args=[page.pk]), {"finding": Finding.objects.get().pk, "action": "mask"})

    assert review(page, county.media.reviewer).live


def test_a_pdf_attachment_cannot_be_masked_and_the_page_says_to_replace_it(county, media_root, client):
    page = policy_at_final_step(county, make_document("名单.pdf", pdf_bytes([f"王建华 {ID}"])))
    review(page, county.media.reviewer)
    login(client, county.media.reviewer)

    html = client.get(reverse("screening_page", args=[page.pk])).content.decode()

    assert "PDF 文件不能在线遮盖" in html


def test_an_unreadable_attachment_is_reported_not_passed(county, media_root):
    page = policy_at_final_step(county, make_document("坏文件.xlsx", b"broken"))

    review(page, county.media.reviewer)

    assert Finding.objects.get(status="open").kind == "unreadable"
