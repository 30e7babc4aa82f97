"""The public application form under /gongkai/shenqing/: what it accepts, refuses, and keeps."""

import secrets

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from townsquare.disclosure_requests.models import Application, Status

pytestmark = pytest.mark.django_db
APPLY_URL = "/gongkai/shenqing/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def proof(content=PNG, name="id.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def typed(unit, **overrides):
    data = {
        "applicant_type": "person",
        "name": "王小明",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "139 0000 1111",
        "address": "示范县青禾镇幸福路8号",
        "postcode": "",
        "email": "",
        "unit": str(unit.pk),
        "description": "2025年青禾镇农村道路硬化工程的验收报告。",
        "purpose": "",
        "provision_form": "electronic",
        "delivery": "online",
        "homepage": "",
        "submission_key": secrets.token_urlsafe(24),
        "id_proof": proof(),
    }
    data.update(overrides)
    return data


def test_the_unit_in_the_address_is_chosen(client, town_a):
    response = client.get(APPLY_URL, {"unit": town_a.unit.slug})
    assert response.context["form"].initial["unit"] == town_a.unit


def test_a_valid_application_is_stored_with_its_proof_in_private_storage(client, town_a, settings):
    client.post(APPLY_URL, typed(town_a.unit))
    application = Application.objects.get()
    assert application.id_proof.path.startswith(str(settings.PRIVATE_MEDIA_ROOT.resolve()))


def test_the_success_page_shows_the_query_password_once(client, town_a):
    response = client.post(APPLY_URL, typed(town_a.unit), follow=True)
    assert len(response.context["password"]) == 6


def test_a_double_submit_makes_one_application(client, town_a):
    data = typed(town_a.unit)
    client.post(APPLY_URL, data)
    client.post(APPLY_URL, {**data, "id_proof": proof()})
    assert Application.objects.count() == 1


def test_a_mistyped_id_number_is_refused_with_the_reason(client, town_a):
    response = client.post(APPLY_URL, typed(town_a.unit, id_number="110105194912310021"))
    assert "校验位" in response.context["form"].errors["id_number"][0]


def test_a_refused_form_keeps_what_was_typed_and_says_the_file_is_gone(client, town_a):
    response = client.post(APPLY_URL, typed(town_a.unit, id_number="110105194912310021"))
    html = response.content.decode()
    assert "2025年青禾镇农村道路硬化工程的验收报告。" in html and "重新选一下" in html


def test_an_organisation_needs_a_valid_credit_code(client, town_a):
    data = typed(town_a.unit, applicant_type="organisation", organisation_kind="business", id_type="credit_code")
    data.update(id_number="91350100M000100Y44", representative="陈大海", contact_person="李会计")
    response = client.post(APPLY_URL, data)
    assert "校验位" in response.context["form"].errors["id_number"][0]


def test_an_organisation_application_is_stored_with_its_kind(client, town_a):
    data = typed(town_a.unit, applicant_type="organisation", organisation_kind="research", id_type="credit_code")
    data.update(id_number="91350100M000100Y43", representative="陈大海", contact_person="李会计")
    client.post(APPLY_URL, data)
    assert Application.objects.get().organisation_kind == "research"


def test_a_proof_that_is_no_image_nor_pdf_is_refused(client, town_a):
    response = client.post(APPLY_URL, typed(town_a.unit, id_proof=proof(b"MZ\x90\x00", "id.exe")))
    assert "JPG、PNG" in response.context["form"].errors["id_proof"][0]


def test_a_proof_over_the_size_limit_is_refused(client, town_a, settings):
    settings.REQUEST_PHOTO_MAX_BYTES = 32
    response = client.post(APPLY_URL, typed(town_a.unit))
    assert "太大" in response.context["form"].errors["id_proof"][0]


def test_a_robot_filling_the_honeypot_stores_nothing(client, town_a):
    client.post(APPLY_URL, typed(town_a.unit, homepage="http://spam.example"))
    assert not Application.objects.exists()


def test_new_application_starts_in_handling_with_an_answer_due(client, town_a):
    client.post(APPLY_URL, typed(town_a.unit))
    application = Application.objects.get()
    assert application.status == Status.RECEIVED and application.answer_due is not None
