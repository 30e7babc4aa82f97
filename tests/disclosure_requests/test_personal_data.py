"""Applicants' data: never on public pages, anonymised once the application is long closed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from townsquare.disclosure_requests import handling
from townsquare.disclosure_requests.models import Application
from townsquare.disclosure_requests.personal_data import anonymise_closed

from .factories import make_application

pytestmark = pytest.mark.django_db


def test_a_closed_application_loses_its_applicants_data(town_a):
    application = make_application(town_a.unit, email="wang@example.com")
    handling.decide(application, "1", "予以公开。")
    anonymise_closed(timezone.now() + timedelta(days=1))
    application = Application.objects.get()
    assert (application.id_number, application.phone, application.email) == ("", "", "")


def test_an_open_application_keeps_its_applicants_data(town_a):
    make_application(town_a.unit)
    assert anonymise_closed(timezone.now() + timedelta(days=1)) == 0


def test_the_retention_hook_is_registered():
    assert anonymise_closed in hooks.get_hooks("townsquare_personal_data")


def test_the_section_hook_links_the_form_with_the_unit(town_a):
    (links,) = [fn(town_a.unit) for fn in hooks.get_hooks("townsquare_disclosure_application")]
    assert links[0] == ("在线申请", f"/gongkai/shenqing/?unit={town_a.unit.slug}") and len(links) == 3
