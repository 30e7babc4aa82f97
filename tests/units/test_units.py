"""Units: names, the chain of parents and the groups that stand for their roles."""

import pytest

from townsquare.units.models import Role, Unit

from ..factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_display_name_prefers_the_short_name():
    assert UnitFactory(name="示范县东湖镇人民政府", short_name="东湖镇").display_name == "东湖镇"
    assert UnitFactory(name="示范县西山镇人民政府", short_name="").display_name == "示范县西山镇人民政府"


def test_towns_and_streets_are_town_level_but_departments_are_not():
    assert UnitFactory(kind=Unit.Kind.TOWN).is_town_level
    assert UnitFactory(kind=Unit.Kind.STREET).is_town_level
    assert not UnitFactory(kind=Unit.Kind.DEPARTMENT).is_town_level


def test_ancestors_are_listed_nearest_first():
    county = UnitFactory(name="测试县人民政府", kind=Unit.Kind.COUNTY)
    town = UnitFactory(name="东湖镇", parent=county)
    village = UnitFactory(name="东街社区", kind=Unit.Kind.VILLAGE, parent=town)

    assert village.ancestors() == [town, county]
    assert county.ancestors() == []


def test_group_for_a_role_is_created_once_and_named_after_unit_and_role():
    unit = UnitFactory(name="东湖镇")

    group = unit.group_for(Role.REVIEWER)

    assert group.name == "东湖镇·审核"
    assert unit.group_for("reviewer") == group
