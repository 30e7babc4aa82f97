"""The verbs of residents' opinions: a resident sends one, staff publish or hide it and answer whether it
was adopted. Each takes ``now`` where time matters; public pages are invalidated by the writes themselves
(the page cache watches the comments table)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Comment


class ConsultationClosed(Exception):
    """The consultation is not open (not yet, or no longer): no comment is taken."""


def submit(consultation, *, key, text, name, phone="", email="", wants_public=False, paragraph="", now=None):
    """The resident's comment; the same form sent again (same ``key``) returns the first. -> (comment, created)"""
    existing = Comment.objects.filter(submission_key=key).first()
    if existing is not None:
        return existing, False
    if not consultation.is_open(now):
        raise ConsultationClosed
    shown = consultation.paragraph(paragraph) if paragraph else None
    comment = Comment(
        consultation=consultation,
        paragraph_anchor=shown["anchor"] if shown else "",
        paragraph_number=shown["number"] if shown else None,
        text=text,
        name=name,
        phone=phone,
        email=email,
        wants_public=wants_public,
        submission_key=key,
        created_at=now or timezone.now(),
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:  # the same key sent twice at once
        return Comment.objects.get(submission_key=key), False
    return comment, True


def publish(comment, user, now=None):
    if not comment.wants_public:
        raise ValidationError("提意见的居民没有同意公开这条意见。")
    _moderate(comment, Comment.Status.PUBLISHED, user, now)


def hide(comment, user, now=None):
    _moderate(comment, Comment.Status.HIDDEN, user, now)


def _moderate(comment, status, user, now):
    comment.status = status
    comment.moderated_by = user
    comment.moderated_at = now or timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])


def decide(comment, decision, reason="", gist=""):
    """Whether the comment was adopted and why (shown in the 采纳情况 once it is published)."""
    if decision not in Comment.Decision.values:
        raise ValidationError("请选择采纳情况。")
    reason, gist = reason.strip(), gist.strip()
    if decision in (Comment.Decision.NOT_ADOPTED, Comment.Decision.PARTLY) and not reason:
        raise ValidationError("未采纳或部分采纳的意见，请写明理由。")
    comment.decision, comment.decision_reason, comment.gist = decision, reason, gist
    comment.save(update_fields=["decision", "decision_reason", "gist"])
