"""Handling applications in the Wagtail admin: the inbox, registering paper applications, each step, who may act."""

import pytest
from django.urls import reverse

from townsquare.disclosure_requests.models import Application, Channel, Status
from townsquare.privacy.models import PersonalDataAccess

from .factories import make_application

pytestmark = pytest.mark.django_db


def detail(application):
    return reverse("disclosure_detail", args=[application.pk])


def refused(response):
    """Wagtail turns PermissionDenied in admin views into a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def editor_client(client, town_a):
    client.force_login(town_a.editor)
    return client


def test_the_inbox_lists_the_units_applications(editor_client, town_a):
    application = make_application(town_a.unit)
    response = editor_client.get(reverse("disclosure_inbox"))
    assert application.tracking_number in response.content.decode()


def test_the_inbox_leaves_out_other_units(editor_client, town_b):
    application = make_application(town_b.unit)
    response = editor_client.get(reverse("disclosure_inbox"))
    assert application.tracking_number not in response.content.decode()


def test_another_units_application_is_refused(editor_client, town_b):
    assert refused(editor_client.get(detail(make_application(town_b.unit))))


def test_viewing_an_application_is_logged(editor_client, town_a):
    application = make_application(town_a.unit)
    editor_client.get(detail(application))
    assert PersonalDataAccess.objects.filter(case=application.tracking_number).count() == 1


def test_a_letter_is_registered_with_its_received_date(editor_client, town_a):
    data = {
        "channel": Channel.LETTER,
        "received_at": "2026-11-02 09:30",
        "applicant_type": "person",
        "name": "赵大爷",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "0999-6012345",
        "address": "示范县青禾镇东村3组",
        "unit": str(town_a.unit.pk),
        "description": "东村2025年危房改造补助名单。",
        "provision_form": "paper",
        "delivery": "post",
    }
    editor_client.post(reverse("disclosure_register"), data)
    application = Application.objects.get()
    assert (application.channel, application.received_at.day) == (Channel.LETTER, 2)


def test_a_correction_request_goes_out_from_the_detail_page(editor_client, town_a):
    application = make_application(town_a.unit)
    editor_client.post(detail(application), {"action": "correction", "missing": "请写明危房改造的年度。"})
    application.refresh_from_db()
    assert application.status == Status.CORRECTION and application.notices.count() == 1


def test_an_editor_cannot_approve_an_extension(editor_client, town_a):
    application = make_application(town_a.unit)
    editor_client.post(detail(application), {"action": "extend", "working_days": "10", "reason": "档案多。"})
    application.refresh_from_db()
    assert application.extension_working_days == 0


def test_the_head_approves_an_extension_and_is_recorded(client, town_a):
    client.force_login(town_a.head)
    application = make_application(town_a.unit)
    client.post(detail(application), {"action": "extend", "working_days": "20", "reason": "需要调取档案。"})
    application.refresh_from_db()
    assert (application.extension_working_days, application.extension_approved_by) == (20, town_a.head)


def test_an_extension_over_the_limit_is_refused(client, town_a):
    client.force_login(town_a.head)
    application = make_application(town_a.unit)
    response = client.post(detail(application), {"action": "extend", "working_days": "21", "reason": "需要调取档案。"})
    assert response.status_code == 200 and not Application.objects.get().extension_working_days


def test_a_decision_is_made_from_the_detail_page(editor_client, town_a):
    application = make_application(town_a.unit)
    editor_client.post(
        detail(application),
        {"action": "decide", "outcome": "3.6", "text": "属于过程性信息。", "legal_basis": "条例第十六条"},
    )
    application.refresh_from_db()
    assert (application.status, application.outcome) == (Status.DECIDED, "3.6")


def test_the_proof_of_identity_is_only_for_staff(client, town_a):
    from django.core.files.base import ContentFile

    application = make_application(town_a.unit)
    application.id_proof.save("id.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    assert client.get(reverse("disclosure_proof", args=[application.pk])).status_code == 302  # to the log-in
