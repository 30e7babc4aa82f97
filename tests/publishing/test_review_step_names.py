"""The 三审 steps read 初审, 复审, 终审 beside their status, also for workflows made before the names were short."""

import importlib

from django.apps import apps
from wagtail.models import GroupApprovalTask

step_names = importlib.import_module("townsquare.publishing.migrations.0002_review_step_names")


def test_steps_named_the_old_way_are_renamed(db):
    old = ["青禾镇·初审（单位审核）", "青禾镇·复审（单位负责人）", "终审（县融媒体中心）"]
    tasks = [GroupApprovalTask.objects.create(name=name) for name in old]

    step_names.rename_steps(apps, None)

    assert [GroupApprovalTask.objects.get(pk=task.pk).name for task in tasks] == ["初审", "复审", "终审"]
