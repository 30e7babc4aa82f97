"""``manage.py load_demo`` builds the fictional 示范县 that `make run` shows, and is safe to run again.

The demo is loaded once for this module (on what a fresh ``migrate`` leaves) inside a
transaction that is rolled back afterwards; each test runs in a savepoint inside it.
"""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site, Task, Workflow

from townsquare.publishing.models import (
    HomePage,
    InterpretationPage,
    NewsPage,
    NoticePage,
    PolicyPage,
    PublicityPage,
    TopicItem,
    TopicPage,
    UnitHomePage,
    UpdateRecord,
)
from townsquare.units.models import Membership, Role, Unit

DEMO_PASSWORD = "demo-pass-2026"  # README: every demo account uses it


pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_county_home_is_the_site_root():
    home = HomePage.objects.get()
    assert home.live
    assert "示范县" in home.unit.name
    assert home.unit.kind == Unit.Kind.COUNTY
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_there_are_at_least_three_towns_including_qinghe_each_with_its_home():
    towns = Unit.objects.filter(kind__in=[Unit.Kind.TOWN, Unit.Kind.STREET])
    assert towns.count() >= 3
    assert towns.filter(name__contains="青禾镇").exists()
    for town in towns:
        home = UnitHomePage.objects.filter(unit=town).first()
        assert home is not None and home.live, f"{town} has no live home page"
        assert home.get_workflow() is not None, f"{town} has no 三审 workflow"


def test_qinghe_lives_at_its_readable_address(client):
    response = client.get("/qinghe/")

    assert response.status_code == 200
    assert "青禾镇" in response.content.decode()


def test_there_are_at_least_six_departments():
    assert Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).count() >= 6


def test_there_is_a_media_centre_for_the_final_review():
    assert Unit.objects.filter(is_media_center=True).exists()


def test_there_are_at_least_forty_news_notices_and_publicity_notices():
    total = sum(model.objects.live().count() for model in (NewsPage, NoticePage, PublicityPage))

    assert total >= 40
    for model in (NewsPage, NoticePage, PublicityPage):
        assert model.objects.live().exists(), f"no {model._meta.verbose_name}"


def test_at_least_four_policies_are_explained_including_a_graphic_and_a_qa():
    explained = [policy for policy in PolicyPage.objects.live() if policy.live_interpretations().exists()]

    assert len(explained) >= 4
    forms = set(InterpretationPage.objects.live().values_list("form", flat=True))
    assert {InterpretationPage.Form.GRAPHIC, InterpretationPage.Form.QA} <= forms


def test_there_is_a_topic_gathering_pages():
    topic = TopicPage.objects.live().first()

    assert topic is not None
    assert len(topic.gathered_pages()) >= 2


def test_some_publicity_is_open_and_some_has_ended():
    now = timezone.now()

    assert PublicityPage.current(now).exists()
    assert PublicityPage.objects.live().filter(period_ends__lt=now).exists()


def test_there_are_demo_staff_in_every_role():
    for role in Role:
        assert Membership.objects.filter(role=role).exists(), f"nobody is {role.label}"
    media_roles = set(Membership.objects.filter(unit__is_media_center=True).values_list("role", flat=True))
    assert Role.REVIEWER in media_roles


@pytest.mark.parametrize(
    "username, unit, role",
    [
        ("qinghe_editor", "青禾镇", Role.EDITOR),
        ("qinghe_reviewer", "青禾镇", Role.REVIEWER),
        ("qinghe_head", "青禾镇", Role.HEAD),
        ("media_reviewer", None, Role.REVIEWER),
    ],
)
def test_the_documented_demo_accounts_log_in(username, unit, role):
    user = authenticate(username=username, password=DEMO_PASSWORD)

    assert user is not None, f"{username} cannot log in with the documented password"
    memberships = Membership.objects.filter(user=user, role=role)
    if unit:
        assert memberships.filter(unit__name__contains=unit).exists()
    else:
        assert memberships.filter(unit__is_media_center=True).exists()


def test_the_demo_admin_is_a_superuser():
    assert get_user_model().objects.get(username="admin").is_superuser


def test_all_notices_on_the_county_home_reach_the_water_cut_in_a_town_column(client):
    titles = [item.title for item in client.get("/tongzhi/").context["page_obj"]]
    assert len(titles) > 1 and any("停水" in title for title in titles)


def test_every_demo_page_opens(client):
    failures = []
    for page in Page.objects.live().filter(depth__gte=2).specific():
        response = client.get(page.url)
        if response.status_code != 200:
            failures.append(f"{page.url} {response.status_code}")

    assert not failures, failures


COUNTED = [
    Page,
    Revision,
    Unit,
    get_user_model(),
    Membership,
    Workflow,
    Task,
    UpdateRecord,
    TopicItem,
    Image,
    Document,
    Site,
]


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.mark.parametrize("args", [[], ["--repair"]], ids=["plain", "repair"])
def test_running_it_again_creates_nothing_new(args):
    before = counts()

    call_command("load_demo", *args, verbosity=0)

    assert counts() == before


def test_the_demo_counts_as_complete_only_for_the_code_that_loaded_it(monkeypatch):
    from townsquare.demo import loader

    assert loader.demo_is_complete()
    # An installation whose demo code has changed since (new content, a new app's demo) loads it again.
    monkeypatch.setattr(loader, "demo_fingerprint", lambda: "0" * 64)
    assert not loader.demo_is_complete()


def test_the_output_says_how_to_set_up_two_step_login():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "/admin/2fa/enrol/" in out.getvalue()


def test_supervisors_find_staff_reading_residents_contacts_in_the_access_log():
    from townsquare.privacy.models import PersonalDataAccess

    kinds = set(PersonalDataAccess.objects.values_list("object_type", flat=True))

    assert kinds == {"resident_requests.residentrequest", "appointments.booking"}
