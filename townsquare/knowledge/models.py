"""知识库 entries: a question residents ask, its short answer, the unit that answers for it and when it is
checked again. An entry is written from an answered public request, a service guide's 常见问题, a policy
interpretation, or by a unit itself; its ``review_by`` date passes → it is stale (监管 flags it).

``AnswerTally`` counts, per day, what residents did with the suggestions in the 留言 form — numbers
only: no address, no cookie, no text (see ``tally.py``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def default_review_by():
    return timezone.localdate() + timedelta(days=settings.KNOWLEDGE_REVIEW_DAYS)


class EntryQuerySet(models.QuerySet):
    def live(self):
        return self.filter(published=True)

    def stale(self, today=None):
        return self.live().filter(review_by__lt=today or timezone.localdate())


class Entry(models.Model):
    class Source(models.TextChoices):
        REQUEST = "request", "留言答复"
        FAQ = "faq", "办事指南常见问题"
        INTERPRETATION = "interpretation", "政策解读"
        OWN = "own", "单位编写"

    question = models.CharField(
        "问题", max_length=120, help_text="用居民的话写，如：社保卡丢了怎么补办？不超过120个字。"
    )
    other_questions = models.TextField(
        "其他问法", blank=True, help_text="居民还可能怎么问，每行一个，如：社保卡补办要带什么。"
    )
    answer = models.TextField("回答", help_text="先说结论，再说怎么办、带什么、去哪办、要多久。")
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.OWN)
    resident_request = models.ForeignKey(
        "resident_requests.ResidentRequest",
        verbose_name="来源留言",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_entries",
    )
    guide_question = models.ForeignKey(
        "services.GuideQuestion",
        verbose_name="来源常见问题",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_entries",
    )
    interpretation = models.ForeignKey(
        "publishing.InterpretationPage",
        verbose_name="来源政策解读",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_entries",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="负责单位", on_delete=models.PROTECT, related_name="knowledge_entries"
    )
    review_by = models.DateField("复核日期", default=default_review_by, help_text="到期前请核对回答是否仍然有效。")
    published = models.BooleanField("公开", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "知识库条目"
        verbose_name_plural = "知识库条目"
        ordering = ["question"]
        indexes = [models.Index(fields=["published", "review_by"], name="knowledge_entry_review")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("knowledge:entry", args=[self.pk])

    def questions(self):
        """The question and its other wordings, each once."""
        lines = [self.question, *(line.strip() for line in self.other_questions.splitlines())]
        return list(dict.fromkeys(line for line in lines if line))

    def is_stale(self, today=None):
        return self.review_by < (today or timezone.localdate())

    def mark_reviewed(self, today=None):
        self.review_by = (today or timezone.localdate()) + timedelta(days=settings.KNOWLEDGE_REVIEW_DAYS)

    def source_link(self):
        """(label, url) of where the answer comes from, when that is public; else None."""
        from townsquare.resident_requests.public import is_public

        if self.resident_request_id and is_public(self.resident_request):
            number = self.resident_request.tracking_number
            return "查看原留言和答复", reverse("resident_requests:public_detail", args=[number])
        if self.guide_question_id and self.guide_question.page.live:
            return "查看办事指南", self.guide_question.page.url
        if self.interpretation_id and self.interpretation.live:
            return "查看政策解读", self.interpretation.url
        return None


class AnswerTally(models.Model):
    """How often something happened on one day: counts only, never who."""

    class Event(models.TextChoices):
        SUGGESTED = "suggested", "留言时看到了推荐回答"
        OPENED = "opened", "打开了推荐回答"
        SENT_AFTER_OPEN = "sent_after_open", "打开后仍提交了留言"
        CONTINUED = "continued", "没解决，继续留言"

    day = models.DateField("日期")
    event = models.CharField("事件", max_length=20, choices=Event.choices)
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "推荐回答统计"
        verbose_name_plural = "推荐回答统计"
        constraints = [models.UniqueConstraint(fields=["day", "event"], name="knowledge_tally_once_a_day")]

    def __str__(self):
        return f"{self.day} {self.get_event_display()} {self.count}"
