"""Shared fixtures: a small county with two towns, its 三审 workflows and staff in every role.

Building the county takes about a second (Wagtail pages, revisions, workflows), so it is
built once, right after the test database is created; every test runs in a transaction
that is rolled back, and the ``county`` fixture reads fresh objects from the database.
Should a transactional test have flushed the database, ``county`` builds it again.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from townsquare.publishing.models import HomePage, SectionPage, UnitHomePage
from townsquare.publishing.provisioning import provision_unit
from townsquare.units.models import Role, Unit

from .factories import MembershipFactory, UnitFactory, UserFactory

pytest_plugins = ["tests.smtp", "tests.sms_fakes"]


@dataclass
class Place:
    """A unit with its home page, its columns (by kind) and one staff member per role."""

    unit: Unit
    home: Page | None = None
    sections: dict[str, SectionPage] = field(default_factory=dict)
    editor: object = None
    reviewer: object = None
    head: object = None

    def section(self, kind):
        return self.sections[kind]


@dataclass
class County:
    county: Place
    media: Place
    town_a: Place
    town_b: Place

    @property
    def home(self):
        return self.county.home


def _staff(unit, prefix):
    people = {}
    for role in Role:
        user = UserFactory(username=f"{prefix}_{role.value}")
        MembershipFactory(user=user, unit=unit, role=role)
        people[role.value] = user
    return people


def _provisioned(unit, home, prefix):
    columns = provision_unit(unit, home)
    return Place(unit=unit, home=home, sections={c.kind: c for c in columns}, **_staff(unit, prefix))


def root_page():
    """Wagtail's root page, made again with its locale and root collection after a transactional test's flush."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return root


def build_county():
    """The county home at the Wagtail root (Wagtail's welcome page removed), the media centre, towns A and B."""
    root = root_page()
    Site.objects.all().delete()
    for page in Page.objects.child_of(root):
        page.delete()

    county_unit = UnitFactory(
        name="示范县人民政府", short_name="示范县", slug=COUNTY_SLUG, kind=Unit.Kind.COUNTY, phone="0000-6660000"
    )
    home = HomePage(title="示范县人民政府", slug="home", unit=county_unit)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="示范县")
    county = _provisioned(county_unit, home, "county")

    media_unit = UnitFactory(
        name="示范县融媒体中心",
        short_name="融媒体中心",
        slug=MEDIA_SLUG,
        kind=Unit.Kind.DEPARTMENT,
        parent=county_unit,
        is_media_center=True,
    )
    media = Place(unit=media_unit, **_staff(media_unit, "media"))

    towns = []
    for name, slug, sort_order in TOWNS:
        unit = UnitFactory(
            name=name, short_name=name, slug=slug, kind=Unit.Kind.TOWN, parent=county_unit, sort_order=sort_order
        )
        town_home = UnitHomePage(title=f"网上的{name}", slug=slug, unit=unit)
        home.add_child(instance=town_home)
        town_home.save_revision().publish()
        towns.append(_provisioned(unit, town_home, slug))

    return County(county=county, media=media, town_a=towns[0], town_b=towns[1])


COUNTY_SLUG = "county"
TOWNS = (("青禾镇", "qinghe", 10), ("石桥镇", "shiqiao", 20))
MEDIA_SLUG = "media"


def _place(unit_slug, prefix, with_home=True):
    from django.contrib.auth import get_user_model

    unit = Unit.objects.get(slug=unit_slug)
    home = None
    sections = {}
    if with_home:
        home = (HomePage if unit.kind == Unit.Kind.COUNTY else UnitHomePage).objects.get(unit=unit)
        sections = {section.kind: section for section in SectionPage.objects.child_of(home)}
    users = get_user_model().objects.in_bulk([f"{prefix}_{role.value}" for role in Role], field_name="username")
    return Place(
        unit=unit, home=home, sections=sections, **{role.value: users[f"{prefix}_{role.value}"] for role in Role}
    )


def load_county():
    """The county built by ``build_county``, fresh from the database (None if it is not there)."""
    if not HomePage.objects.filter(unit__slug=COUNTY_SLUG).exists():
        return None
    return County(
        county=_place(COUNTY_SLUG, "county"),
        media=_place(MEDIA_SLUG, "media", with_home=False),
        town_a=_place(TOWNS[0][1], TOWNS[0][1]),
        town_b=_place(TOWNS[1][1], TOWNS[1][1]),
    )


def delete_with_what_protects_it(instance):
    """Delete ``instance``, first deleting the rows that protect it (a loaded demo's bookings protect its guides)."""
    for _ in range(10):
        try:
            instance.delete()
            return
        except ProtectedError as error:
            for blocker in error.protected_objects:
                delete_with_what_protects_it(blocker)
    instance.delete()


def reset_to_fresh_install():
    """Remove the test county and leave what ``migrate`` leaves: Wagtail's root, welcome page and default site."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Task, Workflow

    from townsquare.publishing.models import InterpretationPage
    from townsquare.units.models import Membership

    # After a transactional test the database is flushed: what Wagtail's migrations created is gone too.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    Site.objects.all().delete()
    root = root_page()
    InterpretationPage.objects.all().delete()  # they protect the policies they explain
    for page in Page.objects.child_of(root):
        delete_with_what_protects_it(page)
    Membership.objects.all().delete()
    while Unit.objects.exists():
        for unit in Unit.objects.filter(children__isnull=True):
            delete_with_what_protects_it(unit)
    get_user_model().objects.all().delete()
    Group.objects.exclude(name__in=["Moderators", "Editors"]).delete()
    Workflow.objects.exclude(name="Moderators approval").delete()
    Task.objects.exclude(name="Moderators approval").delete()
    welcome = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        cache.clear()
        build_county()
        cache.clear()


def loaded_demo(django_db_blocker):
    """The demo county in a transaction rolled back when the generator ends."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            reset_to_fresh_install()
            call_command("load_demo", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo county, loaded once for a test module and rolled back after it (use with ``db``).
    ``tests/demo/`` loads it once for all its modules."""
    yield from loaded_demo(django_db_blocker)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The header data, Wagtail's site paths and the page cache: no test sees another's."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def county(db):
    return load_county() or build_county()


@pytest.fixture
def town_a(county):
    return county.town_a


@pytest.fixture
def town_b(county):
    return county.town_b


# The browser fixtures (one Chromium for the whole session), for every test folder.
from .browser.fixtures import browser, demo_site, phone, screenshots  # noqa: E402, F401
