"""What happens to an interview's questions and lines, one verb each (each taking ``now``).

``ask`` stores a resident's question (once per submission key), ``publish`` / ``hide`` moderate it,
``post_line`` adds a line to the live session (answering a question marks it answered and shows it),
``remove_line`` takes a mistaken line back. The public page's cache follows the tables by itself.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Line, Question


def ask(interview, fields, *, submission_key=None, now=None):
    """Store a question (pending). Returns (question, created); a resent form finds the first one."""
    now = now or timezone.now()
    if submission_key:
        existing = Question.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    if not interview.takes_questions(now):
        raise ValidationError("访谈已经结束，不再收集问题了。")
    try:
        with transaction.atomic():
            question = Question.objects.create(
                interview=interview, submission_key=submission_key, submitted_at=now, **fields
            )
    except IntegrityError:  # the same form sent twice at once: the other request stored it
        return Question.objects.get(submission_key=submission_key), False
    return question, True


def publish(question, user, *, now=None):
    """Show the question on the interview's page (only if the asker agreed)."""
    if not question.may_publish:
        raise ValidationError("提问人没有同意公开这个问题，只能在访谈中答复，不能单独公开。")
    _moderate(question, Question.Status.PUBLISHED, user, now)


def hide(question, user, *, now=None):
    _moderate(question, Question.Status.HIDDEN, user, now)


def _moderate(question, status, user, now):
    question.status = status
    question.moderated_at = now or timezone.now()
    question.moderated_by = user
    question.save(update_fields=["status", "moderated_at", "moderated_by"])


def post_line(interview, speaker, text, user, *, question=None, image=None, now=None):
    """A line of the live session; with ``question``, the line answers it (and the question is shown with it)."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise ValidationError("请写上要发布的内容。")
    if question is not None and question.interview_id != interview.pk:
        raise ValidationError("这个问题不是本场访谈的。")
    with transaction.atomic():
        line = Line.objects.create(
            interview=interview,
            speaker=speaker,
            text=text,
            question=question,
            image=image,
            posted_at=now,
            posted_by=user,
        )
        if question is not None and question.answered_at is None:
            question.answered_at = now
            fields = ["answered_at"]
            if question.status == Question.Status.PENDING and question.may_publish:
                question.status, question.moderated_at, question.moderated_by = Question.Status.PUBLISHED, now, user
                fields += ["status", "moderated_at", "moderated_by"]
            question.save(update_fields=fields)
    return line


def remove_line(line):
    """Take a line back; a question it answered counts as unanswered again unless another line answers it."""
    with transaction.atomic():
        question = line.question
        line.delete()
        if question is not None and not Line.objects.filter(question=question).exists():
            Question.objects.filter(pk=question.pk).update(answered_at=None)
