"""终审 becomes a FinalReviewTask (a proxy of the group approval): publish checks run before it approves."""

from django.db import migrations


def to_final_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    proxy, _ = ContentType.objects.get_or_create(app_label="publishing", model="finalreviewtask")
    group_task = ContentType.objects.filter(app_label="wagtailcore", model="groupapprovaltask").first()
    if group_task is not None:
        Task.objects.filter(name="终审", content_type=group_task).update(content_type=proxy)


def to_group_approval(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    group_task = ContentType.objects.filter(app_label="wagtailcore", model="groupapprovaltask").first()
    if group_task is not None:
        Task.objects.filter(content_type__app_label="publishing", content_type__model="finalreviewtask").update(
            content_type=group_task
        )


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0003_page_newest_first_index"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="FinalReviewTask",
            fields=[],
            options={
                "verbose_name": "终审（发布前审查）",
                "verbose_name_plural": "终审（发布前审查）",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(to_final_review, to_group_approval),
    ]
