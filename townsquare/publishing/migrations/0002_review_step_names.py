"""The 三审 steps are named 初审, 复审 and 终审, so that staff can read them beside each step's status."""

from django.db import migrations

OLD_SUFFIXES = {"·初审（单位审核）": "初审", "·复审（单位负责人）": "复审"}
OLD_FINAL = "终审（县融媒体中心）"


def rename_steps(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    for suffix, name in OLD_SUFFIXES.items():
        Task.objects.filter(name__endswith=suffix).update(name=name)
    Task.objects.filter(name=OLD_FINAL).update(name="终审")


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename_steps, migrations.RunPython.noop)]
