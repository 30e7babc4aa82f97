"""The demo county's 依申请公开: applications in every state, with their 告知书, across several units."""

import pytest
from django.utils import timezone

from townsquare.demo.disclosure_requests import KEY_PREFIX
from townsquare.disclosure_requests import deadlines
from townsquare.disclosure_requests.models import Application, Notice, Status
from townsquare.disclosure_requests.statistics import annual_table

pytestmark = pytest.mark.usefixtures("demo", "db")


def demo_applications():
    return Application.objects.filter(submission_key__startswith=KEY_PREFIX)


def test_every_state_is_there():
    assert set(demo_applications().values_list("status", flat=True)) == set(Status.values)


def test_a_correction_was_answered_and_restarted_the_clock():
    assert demo_applications().filter(correction_answered_at__isnull=False, status=Status.RECEIVED).exists()


def test_one_application_is_extended_by_its_units_head():
    extended = demo_applications().get(extension_working_days__gt=0)
    assert extended.extension_approved_by.username == f"{extended.unit.slug}_head"


def test_one_application_is_overdue():
    assert any(deadlines.is_overdue(application) for application in demo_applications())


def test_answers_cover_every_outcome_group():
    groups = {
        outcome.split(".")[0] for outcome in demo_applications().exclude(outcome="").values_list("outcome", flat=True)
    }
    assert groups == {"1", "2", "3", "4", "5", "6"}


def test_every_answer_has_its_notice_as_a_pdf():
    notices = Notice.objects.filter(application__in=demo_applications(), kind=Notice.Kind.DECISION)
    assert notices.count() == demo_applications().filter(status=Status.DECIDED).count()
    assert all(notice.pdf.open("rb").read(5) == b"%PDF-" for notice in notices)


def test_applications_go_to_several_units():
    assert demo_applications().values("unit").distinct().count() >= 8


def test_this_years_annual_table_has_figures():
    year = timezone.localdate().year
    rows = {row.key: row for row in annual_table(None, year)}
    assert rows["received"].count() + rows["carried_in"].count() >= 10
