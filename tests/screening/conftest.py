import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from townsquare.publishing.models import PolicyAttachment

from ..factories import PolicyPageFactory, PublicityPageFactory
from ..helpers import fresh, review, submit_for_review
from .factories import docx_bytes, id_number

ID = id_number()


def text_body(html):
    return [("text", html)]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


def at_final_step(page, place):
    """``page`` submitted and approved by its unit's reviewer and head: waiting for 终审."""
    submit_for_review(page, place.editor)
    return review(review(page, place.reviewer), place.head)


@pytest.fixture
def listed_draft(county):
    """A 公示 draft with a resident's full ID number in its body, waiting for 终审."""
    page = PublicityPageFactory(
        parent=county.town_a.section("publicity"),
        title="危房改造补助对象公示",
        body=text_body(f"<p>王建华 身份证号 {ID} D级危房</p>"),
        publish=False,
    )
    return at_final_step(page, county.town_a)


def make_document(name, data):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))


def policy_at_final_step(county, document):
    """A policy draft with ``document`` attached, waiting for 终审."""
    page = PolicyPageFactory(parent=county.county.section("policy"), publish=False)
    PolicyAttachment.objects.create(page=page, document=document)
    page = fresh(page)
    submit_for_review(page, county.county.editor)
    return review(review(page, county.county.reviewer), county.county.head)


@pytest.fixture
def policy_with_docx(county, media_root):
    """A policy draft whose attachment (DOCX) lists an ID number, waiting for 终审."""
    document = make_document("名单.docx", docx_bytes(table=[["王建华", ID]]))
    return policy_at_final_step(county, document), document
