"""Reminders per answer deadline (a reopened or extended request is reminded again), photos in private storage."""

from django.db import migrations, models

import townsquare.resident_requests.storage


def notices_about_current_deadline(apps, schema_editor):
    """Existing notices were about the deadline their request has now (the old rule allowed one per kind)."""
    StaffNotice = apps.get_model("resident_requests", "StaffNotice")
    for notice in StaffNotice.objects.select_related("request").only("pk", "request__answer_due").iterator():
        StaffNotice.objects.filter(pk=notice.pk).update(deadline=notice.request.answer_due)


def move_photos_out_of_media(apps, schema_editor):
    """Photos stored by the earlier version under MEDIA_ROOT move to the private storage (same names)."""
    from django.core.files.storage import default_storage

    from townsquare.resident_requests.storage import private_storage

    RequestPhoto = apps.get_model("resident_requests", "RequestPhoto")
    private = private_storage()
    for name in RequestPhoto.objects.values_list("image", flat=True).iterator():
        if not name or private.exists(name):
            continue
        try:
            if not default_storage.exists(name):
                continue
            with default_storage.open(name, "rb") as source:
                saved = private.save(name, source)
        except OSError:
            continue  # a missing or unreadable file stays where it is; the photo view answers 404 for it
        if saved != name:
            RequestPhoto.objects.filter(image=name).update(image=saved)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("resident_requests", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="staffnotice",
            name="one_notice_per_kind",
        ),
        migrations.AddField(
            model_name="staffnotice",
            name="deadline",
            field=models.DateTimeField(null=True, verbose_name="针对的答复期限"),
        ),
        migrations.RunPython(notices_about_current_deadline, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="staffnotice",
            name="deadline",
            field=models.DateTimeField(verbose_name="针对的答复期限"),
        ),
        migrations.AddConstraint(
            model_name="staffnotice",
            constraint=models.UniqueConstraint(
                fields=("request", "kind", "for_county", "deadline"), name="one_notice_per_kind_and_deadline"
            ),
        ),
        migrations.AlterField(
            model_name="requestphoto",
            name="image",
            field=models.ImageField(
                storage=townsquare.resident_requests.storage.private_storage,
                upload_to="requests/%Y/%m/",
                verbose_name="照片",
            ),
        ),
        migrations.RunPython(move_photos_out_of_media, migrations.RunPython.noop, elidable=True),
    ]
