from django.utils import timezone

from .models import UpdateRecord


def record_major_update(sender, instance, revision=None, **kwargs):
    """On publish, a non-empty 更新说明 becomes a line of the page's public update history.

    The first publication is not an update, and minor fixes (no note) stay silent.
    """
    note = (getattr(instance, "change_note", "") or "").strip()
    if not note or revision is None:
        return
    if instance.first_published_at and revision.created_at <= instance.first_published_at:
        return
    last = UpdateRecord.objects.filter(page_id=instance.pk).first()
    if last is not None and last.note == note:
        return
    UpdateRecord.objects.get_or_create(
        revision=revision,
        defaults={"page_id": instance.pk, "note": note, "noted_at": instance.last_published_at or timezone.now()},
    )
