"""An entry past its review date is stale: 监管 lists it (advice), the figures page too."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import KnowledgeEntryFactory
from townsquare.oversight.rules import check

pytestmark = pytest.mark.django_db


def _stale(county):
    return KnowledgeEntryFactory(
        unit=county.town_a.unit,
        question="大件垃圾怎么扔？",
        review_by=timezone.localdate() - datetime.timedelta(days=3),
    )


def test_a_new_entry_is_due_for_review_after_the_set_days(county, settings):
    settings.KNOWLEDGE_REVIEW_DAYS = 30
    entry = KnowledgeEntryFactory.build(unit=county.town_a.unit, review_by=None)
    entry.mark_reviewed(today=datetime.date(2026, 5, 1))
    assert entry.review_by == datetime.date(2026, 5, 31)


def test_oversight_flags_a_stale_entry_for_its_unit(county):
    _stale(county)
    codes = [finding.code for finding in check(county.town_a.unit).findings]
    assert "knowledge_stale" in codes


def test_oversight_does_not_flag_an_entry_still_in_date(county):
    KnowledgeEntryFactory(unit=county.town_a.unit, question="路灯找谁修？")
    codes = [finding.code for finding in check(county.town_a.unit).findings]
    assert "knowledge_stale" not in codes


def test_the_figures_page_lists_stale_entries(client, county):
    _stale(county)
    client.force_login(county.town_a.editor)
    assert "大件垃圾怎么扔？" in client.get("/admin/zhishi/tongji/").content.decode()


def test_marking_an_entry_reviewed_moves_its_date_on(client, county, settings):
    settings.KNOWLEDGE_REVIEW_DAYS = 100
    entry = _stale(county)
    client.force_login(county.town_a.editor)
    client.post(f"/admin/zhishi/reviewed/{entry.pk}/")
    entry.refresh_from_db()
    assert entry.review_by == timezone.localdate() + datetime.timedelta(days=100)
