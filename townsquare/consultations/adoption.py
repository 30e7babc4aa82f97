"""采纳情况: what the unit did with the opinions it received, shown on the consultation once it has closed.

The overall statement is page content (``ConsultationPage.adoption_report``) and goes through 三审 like the
draft did; its first publication is remembered for the annual report (公布调查结果期数). The answer to
each comment (adopted or not, and why) is kept on the comment."""

from django.utils import timezone

from .models import ConsultationPage


def note_adoption_published(sender, instance, **kwargs):
    """page_published: the first publication of a 采纳情况 dates it."""
    page = instance.specific if type(instance) is not ConsultationPage else instance
    if not isinstance(page, ConsultationPage) or page.adoption_published_at or not page.adoption_report.strip():
        return
    page.adoption_published_at = timezone.now()
    ConsultationPage.objects.filter(pk=page.pk).update(adoption_published_at=page.adoption_published_at)


def adoption(page):
    """The figures and the answered comments the public 采纳情况 shows."""
    comments = page.comments.all()
    counts = comments.counts()
    answered = list(comments.exclude(decision="").order_by("paragraph_number", "created_at", "pk"))
    return {"counts": counts, "answered": answered}
