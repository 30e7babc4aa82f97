"""A membership puts its holder in exactly the Wagtail groups of that unit and role."""

import pytest
from django.contrib.auth.models import Group

from townsquare.units.access import units_for
from townsquare.units.models import FINAL_REVIEW_GROUP, Membership, Role

from ..factories import MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_an_editor_joins_the_editor_group_of_their_unit():
    unit = UnitFactory(name="东湖镇")
    user = UserFactory()

    MembershipFactory(user=user, unit=unit, role=Role.EDITOR)

    assert group_names(user) == {"东湖镇·编辑"}


def test_each_role_maps_to_its_own_group():
    unit = UnitFactory(name="东湖镇")
    expected = {Role.EDITOR: "东湖镇·编辑", Role.REVIEWER: "东湖镇·审核", Role.HEAD: "东湖镇·负责人"}
    for role, name in expected.items():
        user = UserFactory()
        MembershipFactory(user=user, unit=unit, role=role)
        assert group_names(user) == {name}


def test_unit_groups_may_enter_the_admin():
    user = UserFactory()
    MembershipFactory(user=user, role=Role.EDITOR)

    assert user.has_perm("wagtailadmin.access_admin")


def test_roles_in_two_units_give_both_groups():
    user = UserFactory()
    MembershipFactory(user=user, unit=UnitFactory(name="东湖镇"), role=Role.EDITOR)
    MembershipFactory(user=user, unit=UnitFactory(name="西山镇"), role=Role.REVIEWER)

    assert group_names(user) == {"东湖镇·编辑", "西山镇·审核"}
    assert {unit.name for unit in units_for(user)} == {"东湖镇", "西山镇"}


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.HEAD])
def test_media_centre_reviewer_and_head_also_do_the_final_review(role):
    media = UnitFactory(name="测试县融媒体中心", is_media_center=True)
    user = UserFactory()

    MembershipFactory(user=user, unit=media, role=role)

    assert group_names(user) == {f"测试县融媒体中心·{role.label}", FINAL_REVIEW_GROUP}


def test_media_centre_editor_does_not_do_the_final_review():
    media = UnitFactory(name="测试县融媒体中心", is_media_center=True)
    user = UserFactory()

    MembershipFactory(user=user, unit=media, role=Role.EDITOR)

    assert group_names(user) == {"测试县融媒体中心·编辑"}


def test_reviewer_of_an_ordinary_unit_does_not_do_the_final_review():
    user = UserFactory()
    MembershipFactory(user=user, unit=UnitFactory(name="东湖镇"), role=Role.REVIEWER)

    assert FINAL_REVIEW_GROUP not in group_names(user)


def test_removing_a_membership_removes_its_group():
    unit = UnitFactory(name="东湖镇")
    user = UserFactory()
    membership = MembershipFactory(user=user, unit=unit, role=Role.EDITOR)

    membership.delete()

    assert group_names(user) == set()
    assert not user.unit_memberships.exists()


def test_removing_one_membership_keeps_the_others():
    user = UserFactory()
    unit = UnitFactory(name="东湖镇")
    editor = MembershipFactory(user=user, unit=unit, role=Role.EDITOR)
    MembershipFactory(user=user, unit=unit, role=Role.REVIEWER)

    editor.delete()

    assert group_names(user) == {"东湖镇·审核"}


def test_leaving_the_media_centre_ends_the_final_review_role():
    media = UnitFactory(name="测试县融媒体中心", is_media_center=True)
    user = UserFactory()
    membership = MembershipFactory(user=user, unit=media, role=Role.REVIEWER)

    membership.delete()

    assert group_names(user) == set()


def test_final_review_stays_while_another_media_centre_role_remains():
    media = UnitFactory(name="测试县融媒体中心", is_media_center=True)
    user = UserFactory()
    reviewer = MembershipFactory(user=user, unit=media, role=Role.REVIEWER)
    MembershipFactory(user=user, unit=media, role=Role.HEAD)

    reviewer.delete()

    assert group_names(user) == {"测试县融媒体中心·负责人", FINAL_REVIEW_GROUP}


def test_groups_not_managed_by_units_are_kept():
    other = Group.objects.create(name="信息公开专员")
    user = UserFactory()
    user.groups.add(other)

    membership = MembershipFactory(user=user, unit=UnitFactory(name="东湖镇"), role=Role.EDITOR)
    assert group_names(user) == {"信息公开专员", "东湖镇·编辑"}

    membership.delete()
    assert group_names(user) == {"信息公开专员"}


def test_changing_the_role_moves_the_user_to_the_new_group():
    user = UserFactory()
    membership = MembershipFactory(user=user, unit=UnitFactory(name="东湖镇"), role=Role.EDITOR)

    membership.role = Role.HEAD
    membership.save()

    assert group_names(user) == {"东湖镇·负责人"}


def test_the_same_role_twice_in_one_unit_is_refused():
    from django.db import IntegrityError, transaction

    user = UserFactory()
    unit = UnitFactory()
    MembershipFactory(user=user, unit=unit, role=Role.EDITOR)

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, unit=unit, role=Role.EDITOR)
