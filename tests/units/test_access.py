"""The shared access vocabulary: scope, may_act_on, the unit-scoped permission policy and views."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from townsquare.listings.models import Source
from townsquare.units.access import may_act_on, roles_of, scope, sees_all, unit_id_at, units_for
from townsquare.units.models import Membership, Role, Unit
from townsquare.units.permissions import COUNTY_ONLY, UnitScopedPolicy

from ..helpers import login
from ..listings import factories as listings

pytestmark = pytest.mark.django_db


def unit_ids(memberships):
    return set(memberships.values_list("unit_id", flat=True))


# --- scope ----------------------------------------------------------------------------------------


def test_a_town_editor_sees_only_their_own_towns_rows(county):
    assert unit_ids(scope(county.town_a.editor, Membership.objects.all())) == {county.town_a.unit.pk}


def test_county_staff_see_every_units_rows(county):
    every_unit = unit_ids(Membership.objects.all())
    assert unit_ids(scope(county.county.editor, Membership.objects.all())) == every_unit


def test_the_media_centre_sees_every_unit_only_where_it_works_county_wide(county):
    editor = county.media.editor
    assert unit_ids(scope(editor, Membership.objects.all())) == {county.media.unit.pk}
    assert unit_ids(scope(editor, Membership.objects.all(), media_center=True)) == unit_ids(Membership.objects.all())


def test_scope_follows_a_lookup_path(county):
    # the memberships of the people who work in the user's units
    rows = scope(county.town_a.editor, Membership.objects.all(), "user__unit_memberships__unit")
    assert unit_ids(rows) == {county.town_a.unit.pk}


def test_someone_not_logged_in_sees_nothing(county):
    assert not scope(AnonymousUser(), Membership.objects.all()).exists()
    assert roles_of(None) == roles_of(AnonymousUser())


def test_units_for_lists_the_users_units_in_their_usual_order(county):
    assert list(units_for(county.town_b.head)) == [county.town_b.unit]
    assert list(units_for(county.county.head)) == list(Unit.objects.order_by("sort_order", "id"))


# --- may_act_on -----------------------------------------------------------------------------------


def test_unit_staff_act_on_their_own_unit_only(county):
    assert may_act_on(county.town_a.editor, county.town_a.unit.pk)
    assert not may_act_on(county.town_a.editor, county.town_b.unit.pk)
    assert not may_act_on(county.town_a.editor, None)


def test_a_role_requirement_leaves_out_other_roles_but_not_county_staff(county):
    town = county.town_a.unit.pk
    assert may_act_on(county.town_a.head, town, with_roles=(Role.HEAD,))
    assert not may_act_on(county.town_a.editor, town, with_roles=(Role.HEAD,))
    assert may_act_on(county.county.editor, town, with_roles=(Role.HEAD,))


def test_sees_all_names_county_staff_and_with_the_media_centre(county):
    assert sees_all(county.county.editor) and not sees_all(county.town_a.head)
    assert not sees_all(county.media.head) and sees_all(county.media.head, media_center=True)


def test_unit_id_at_follows_the_path_and_stops_where_it_breaks(county):
    membership = Membership.objects.filter(unit=county.town_a.unit).first()
    assert unit_id_at(membership) == county.town_a.unit.pk
    assert unit_id_at(membership, "unit__parent") == county.county.unit.pk
    assert unit_id_at(county.county.unit, "parent__parent") is None


# --- the permission policy ------------------------------------------------------------------------


@pytest.fixture
def rows(county):
    towns = {"town_a": county.town_a, "town_b": county.town_b}
    return {name: Membership.objects.filter(unit=place.unit).first() for name, place in towns.items()}


def test_the_policy_lets_unit_staff_change_their_units_rows_only(county, rows):
    policy, editor = UnitScopedPolicy(Membership), county.town_a.editor
    assert policy.user_has_permission(editor, "change")
    assert policy.user_has_permission_for_instance(editor, "change", rows["town_a"])
    assert not policy.user_has_permission_for_instance(editor, "change", rows["town_b"])
    assert unit_ids(policy.instances_user_has_any_permission_for(editor, ["change"])) == {county.town_a.unit.pk}


def test_the_policy_lets_county_staff_change_every_row(county, rows):
    policy = UnitScopedPolicy(Membership)
    assert policy.user_has_permission_for_instance(county.county.editor, "delete", rows["town_b"])


def test_a_county_only_policy_refuses_unit_staff(county, rows):
    policy = UnitScopedPolicy(Membership, unit_actions=COUNTY_ONLY)
    assert not policy.user_has_permission(county.town_a.head, "add")
    assert not policy.user_has_permission_for_instance(county.town_a.head, "change", rows["town_a"])
    assert not policy.instances_user_has_any_permission_for(county.town_a.head, ["change"]).exists()
    assert policy.user_has_permission(county.county.editor, "add")


def test_unit_rows_limit_what_unit_staff_may_touch(county):
    policy = UnitScopedPolicy(Membership, unit_rows={"role": Role.EDITOR})
    head = county.town_a.head
    editors = Membership.objects.get(unit=county.town_a.unit, role=Role.EDITOR)
    heads = Membership.objects.get(unit=county.town_a.unit, role=Role.HEAD)
    assert policy.user_has_permission_for_instance(head, "change", editors)
    assert not policy.user_has_permission_for_instance(head, "change", heads)
    assert list(policy.instances_user_has_any_permission_for(head, ["change"])) == [editors]


def test_the_policy_names_who_may_act_on_a_row(county, rows):
    users = set(UnitScopedPolicy(Membership).users_with_any_permission_for_instance(["change"], rows["town_a"]))
    assert county.town_a.editor in users and county.county.editor in users
    assert county.town_b.head not in users and county.media.head not in users


# --- the edit view checks the row -----------------------------------------------------------------


def edit_url(listing):
    return reverse("wagtailsnippets_listings_joblisting:edit", args=[listing.pk])


def test_unit_staff_cannot_open_another_units_listing_by_its_address(client, county):
    theirs = listings.job(unit=county.town_b.unit, source=Source.UNIT)
    response = login(client, county.town_a.editor).get(edit_url(theirs))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_unit_staff_open_their_own_units_listing(client, county):
    ours = listings.job(unit=county.town_a.unit, source=Source.UNIT)
    assert login(client, county.town_a.editor).get(edit_url(ours)).status_code == 200
