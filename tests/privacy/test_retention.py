"""Retention: residents' names, contacts and ID numbers in closed cases are anonymised after the retention
period; public answers, young cases and open cases stay; access logs are kept at least their period."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from tests.listings import factories as listing_factories
from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import Booking, Slot
from townsquare.listings.models import JobListing, Source
from townsquare.privacy.jobs import personal_data_retention
from townsquare.privacy.models import PersonalDataAccess
from townsquare.privacy.retention import ERASED_NAME, anonymise_expired, delete_old_access_logs
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import ResidentRequest

pytestmark = pytest.mark.django_db

ID_NUMBER = "110101199003071234"
LONG_AGO = timezone.now() - timedelta(days=4 * 365)


def answered(desk, now, **fields):
    request, _ = desk.file(now=now, **fields)
    handling.answer(request, "路灯已经修好，谢谢您。", desk.county.town_a.editor, now=now)
    return ResidentRequest.objects.get(pk=request.pk)


def test_an_old_closed_request_loses_name_contacts_and_id_number(desk):
    details = f"我是王五，身份证{ID_NUMBER}，东街路灯坏了。"
    request = answered(desk, LONG_AGO, details=details, contact_name="王五", contact_email="w@example.com")
    anonymise_expired()
    request.refresh_from_db()
    assert (request.contact_name, request.contact_phone, request.contact_email) == (ERASED_NAME, "", "")
    assert ID_NUMBER not in request.details and "王五" not in request.details


def test_the_public_answer_and_status_of_an_anonymised_request_stay(desk):
    request = answered(desk, LONG_AGO)
    anonymise_expired()
    kept = ResidentRequest.objects.get(pk=request.pk)
    assert (kept.reply, kept.status, kept.answered_at) == (request.reply, request.status, request.answered_at)


def test_a_recently_closed_request_keeps_its_contacts(desk):
    request = answered(desk, timezone.now() - timedelta(days=30))
    anonymise_expired()
    request.refresh_from_db()
    assert request.contact_phone == "13900001111"


def test_an_open_request_keeps_its_contacts_however_old(desk):
    request, _ = desk.file(now=LONG_AGO)
    anonymise_expired()
    request.refresh_from_db()
    assert request.contact_phone == "13900001111"


def test_an_old_booking_is_anonymised_and_a_young_one_is_not(slot):
    young = booking_rules.book(slot, "张三丰", "13812345678")
    old_slot = Slot.objects.create(
        service=slot.service, day=date(2022, 3, 1), start=time(9), end=time(9, 30), capacity=2
    )
    old = Booking.objects.create(service=slot.service, slot=old_slot, name="李四", phone="13800000001")
    anonymise_expired()
    assert Booking.objects.filter(pk__in=[young.pk, old.pk]).values_list("pk", "name", "phone").order_by("pk")[::1] == [
        (young.pk, "张三丰", "13812345678"),
        (old.pk, ERASED_NAME, ""),
    ]


def test_an_old_resident_listing_loses_its_contacts_but_a_units_listing_keeps_them(county):
    long_ago = timezone.localdate() - timedelta(days=4 * 365)
    resident = listing_factories.job(source=Source.PUBLIC, closing_date=long_ago)
    unit = listing_factories.job(closing_date=long_ago)
    anonymise_expired()
    phones = dict(JobListing.objects.values_list("pk", "contact_phone"))
    assert phones == {resident.pk: "", unit.pk: "13800138000"}


def test_access_logs_younger_than_their_period_are_never_deleted(settings, desk):
    request, _ = desk.file()
    young = PersonalDataAccess.record(desk.county.town_a.editor, request, request.tracking_number, "姓名")
    old = PersonalDataAccess.record(desk.county.town_a.editor, request, request.tracking_number, "姓名")
    PersonalDataAccess.objects.filter(pk=young.pk).update(at=timezone.now() - timedelta(days=182))
    PersonalDataAccess.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=184))
    delete_old_access_logs()
    assert list(PersonalDataAccess.objects.values_list("pk", flat=True)) == [young.pk]


def test_the_daily_job_reports_what_it_did(desk):
    answered(desk, LONG_AGO)
    assert personal_data_retention() == "1 件匿名化，0 条查看记录到期删除"
