"""The verbs of 这个页面对您有帮助吗？: answer a page, add what was missing, and the link that allows the latter.

A 没有 answer is stored at once; the 缺少什么 text follows through a signed link to that answer (valid
``FEEDBACK_MISSING_MINUTES``, taken once), because the widget on a cached page cannot carry anything of
the visitor's own. The text is masked (phone, ID, e-mail) before it is stored.
"""

from django.conf import settings
from django.core import signing
from django.utils import timezone
from wagtail.models import Page

from townsquare.core.privacy import mask_text
from townsquare.visits.places import unit_for_path

from .models import PageAnswer

MISSING_SALT = "feedback.missing"


def answer(path, page_id, helpful, now=None):
    """Store one answer for ``path`` (and its page, when that is a live page)."""
    page = Page.objects.live().filter(pk=page_id).only("pk").first() if page_id else None
    return PageAnswer.objects.create(
        path=path[:255],
        page=page,
        unit_id=unit_for_path(path),
        helpful=helpful,
        created_at=now or timezone.now(),
    )


def add_missing(page_answer, text, now=None):
    """Keep the masked 缺少什么 text on a 没有 answer; False when the answer no longer takes one."""
    now = now or timezone.now()
    text = mask_text(text.strip())[: settings.FEEDBACK_MISSING_MAX_CHARS]
    if not text or not page_answer.may_add_missing(now, settings.FEEDBACK_MISSING_MINUTES):
        return False
    page_answer.missing = text
    page_answer.save(update_fields=["missing"])
    return True


def missing_ref(page_answer):
    return signing.dumps(page_answer.pk, salt=MISSING_SALT, compress=True)


def answer_for_ref(ref):
    """The answer a 缺少什么 link is for, or None when the link is wrong or too old."""
    try:
        pk = signing.loads(ref, salt=MISSING_SALT, max_age=settings.FEEDBACK_MISSING_MINUTES * 60)
    except signing.BadSignature:
        return None
    return PageAnswer.objects.filter(pk=pk, helpful=False).first()
