"""民生实事: a round (县级民生实事项目票决) as a page, residents' and units' proposals, votes and progress.

A round is published content (a Wagtail page in its unit's section, through the 三审 workflow): what it is
about, the proposal period, the voting period and, once counted, the results. Proposals, votes and progress
updates are rows the unit's staff keep in the admin. A proposal chosen by the round becomes a project with a
public progress page (``<round>/xiangmu/<id>/``) that its responsible unit keeps up to date until it is done.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from townsquare.core import pagecache
from townsquare.publishing.models import UnitOwnedMixin
from townsquare.units.models import Unit


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "即将征集"
    PROPOSING = "proposing", "征集项目中"
    REVIEWING = "reviewing", "项目审核中"
    VOTING = "voting", "投票中"
    COUNTING = "counting", "投票已结束"
    RESULTS = "results", "结果已公布"


class RoundPage(RoutablePageMixin, UnitOwnedMixin, Page):
    """One round (e.g. 2027年县级民生实事项目): proposals, then a vote, then the chosen projects' progress."""

    intro = models.TextField("简介", help_text="用大白话说清：这一轮选什么、大概多少钱、谁可以提、谁可以投。")
    unit = models.ForeignKey(
        Unit,
        verbose_name="组织单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空则为本页所在单位。本单位的工作人员审核提议、标记入选项目。",
    )
    proposals_open_at = models.DateTimeField("征集开始")
    proposals_close_at = models.DateTimeField("征集截止")
    voting_opens_at = models.DateTimeField("投票开始")
    voting_closes_at = models.DateTimeField("投票截止")
    votes_per_person = models.PositiveSmallIntegerField(
        "每人最多可投项数",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="留空按全县统一的数目。每个项目每人只能投一票。",
    )
    show_live_counts = models.BooleanField(
        "投票期间公开实时票数", default=False, help_text="不勾选时，票数在投票结束后才显示。"
    )
    results_published_at = models.DateTimeField(
        "结果公布时间", null=True, blank=True, help_text="投票结束、入选项目标记好之后填写；到这个时间结果公开。"
    )
    results_note = models.TextField(
        "结果说明", blank=True, help_text="例如：共收到多少提议、多少人投票、怎样确定入选。"
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("unit"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("proposals_open_at"), FieldPanel("proposals_close_at")]),
                FieldRowPanel([FieldPanel("voting_opens_at"), FieldPanel("voting_closes_at")]),
                FieldRowPanel([FieldPanel("votes_per_person"), FieldPanel("show_live_counts")]),
            ],
            heading="时间和规则",
        ),
        MultiFieldPanel([FieldPanel("results_published_at"), FieldPanel("results_note")], heading="结果"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["publishing.HomePage", "publishing.UnitHomePage"]
    subpage_types = []
    template = "livelihood/round_page.html"

    class Meta:
        verbose_name = "民生实事票决"
        verbose_name_plural = "民生实事票决"

    def clean(self):
        super().clean()
        moments = [self.proposals_open_at, self.proposals_close_at, self.voting_opens_at, self.voting_closes_at]
        if None in moments:
            return
        errors = {}
        if self.proposals_close_at <= self.proposals_open_at:
            errors["proposals_close_at"] = "征集截止要晚于征集开始。"
        if self.voting_opens_at < self.proposals_close_at:
            errors["voting_opens_at"] = "投票要在征集截止之后开始（留出审核提议的时间）。"
        if self.voting_closes_at <= self.voting_opens_at:
            errors["voting_closes_at"] = "投票截止要晚于投票开始。"
        if self.results_published_at and self.results_published_at < self.voting_closes_at:
            errors["results_published_at"] = "结果要在投票截止之后公布。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.unit_id is None and self.path:
            self.unit = self.nearest_unit()
        return super().save(*args, **kwargs)

    # --- state --------------------------------------------------------------------------------------------

    def phase(self, now):
        if now < self.proposals_open_at:
            return Phase.UPCOMING
        if now < self.proposals_close_at:
            return Phase.PROPOSING
        if now < self.voting_opens_at:
            return Phase.REVIEWING
        if now < self.voting_closes_at:
            return Phase.VOTING
        if self.results_published_at and now >= self.results_published_at:
            return Phase.RESULTS
        return Phase.COUNTING

    def next_change(self, now):
        """When the phase changes next (a cached round page is built again then), or None."""
        moments = [self.proposals_open_at, self.proposals_close_at, self.voting_opens_at, self.voting_closes_at]
        moments.append(self.results_published_at)
        return min((moment for moment in moments if moment and moment > now), default=None)

    def vote_limit(self):
        return self.votes_per_person or settings.LIVELIHOOD_VOTES_PER_PERSON

    def shows_counts(self, now):
        phase = self.phase(now)
        return phase in (Phase.COUNTING, Phase.RESULTS) or (phase == Phase.VOTING and self.show_live_counts)

    def has_published_results(self, now):
        return self.phase(now) == Phase.RESULTS

    # --- what the public pages read ----------------------------------------------------------------------

    def public_proposals(self):
        """Approved proposals with their vote counts, most votes first (one query)."""
        return (
            self.proposals.filter(status=Proposal.Status.APPROVED)
            .select_related("proposing_unit", "responsible_unit")
            .annotate(vote_count=Count("votes"))
            .order_by("-vote_count", "title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        from .public import round_context

        context = super().get_context(request, *args, **kwargs)
        context.update(round_context(self, request))
        return context

    @path("")
    def round_view(self, request):
        from django.utils import timezone

        pagecache.valid_until(self.next_change(timezone.now()))
        return self.render(request)

    @path("tiyi/")
    def propose_view(self, request):
        from .views import propose

        return propose(request, self)

    @path("toupiao/")
    def vote_view(self, request):
        from .views import vote

        return vote(request, self)

    @path("xiangmu/<int:pk>/")
    def project_view(self, request, pk):
        from .views import project

        return project(request, self, pk)


class Proposal(models.Model):
    """A project proposed for a round, by a resident (moderated) or by a unit."""

    class Source(models.TextChoices):
        RESIDENT = "resident", "居民提议"
        UNIT = "unit", "单位提议"

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已通过"
        REJECTED = "rejected", "未通过"

    class Stage(models.TextChoices):
        PREPARING = "preparing", "前期准备"
        PROCURING = "procuring", "招标采购"
        BUILDING = "building", "建设实施"
        DONE = "done", "已完成"

    round = models.ForeignKey(RoundPage, verbose_name="票决轮次", on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField("项目名称", max_length=60)
    description = models.TextField("项目内容", max_length=2000, help_text="要做什么、为什么要做、能让多少人受益。")
    place = models.CharField("地点", max_length=100, blank=True)
    estimated_cost = models.DecimalField(
        "估算投资（万元）", max_digits=10, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.UNIT)
    status = models.CharField("审核状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    moderation_reason = models.CharField(
        "审核说明", max_length=200, blank=True, help_text="未通过时写明原因（如：已列入年度计划、不属于县级事权）。"
    )
    proposing_unit = models.ForeignKey(
        Unit, verbose_name="提议单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposer_name = models.CharField("提议人姓名", max_length=40, blank=True)
    proposer_phone = models.CharField("提议人电话", max_length=30, blank=True)
    proposer_email = models.EmailField("提议人邮箱", blank=True)
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name="责任单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="入选后负责实施、更新进度的单位。",
    )
    chosen = models.BooleanField("入选", default=False, help_text="投票结束后，按票数和实际情况确定入选项目。")
    stage = models.CharField("当前阶段", max_length=10, choices=Stage.choices, blank=True, editable=False)
    percent = models.PositiveSmallIntegerField("完成进度（%）", default=0, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "民生实事提议"
        verbose_name_plural = "民生实事提议"
        constraints = [
            models.CheckConstraint(
                condition=Q(chosen=False) | Q(status="approved"), name="livelihood_chosen_is_approved"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.chosen and self.status != self.Status.APPROVED:
            raise ValidationError({"chosen": "只有审核通过、参加投票的项目才能入选。"})
        if self.chosen and self.responsible_unit_id is None:
            raise ValidationError({"responsible_unit": "入选项目要写明责任单位，由它更新进度。"})

    @property
    def proposer_label(self):
        """Who proposed it, as the public sees it: a unit by name, a resident never by name."""
        if self.source == self.Source.UNIT and self.proposing_unit_id:
            return self.proposing_unit.name
        return "居民提议"

    @property
    def is_done(self):
        return self.stage == self.Stage.DONE

    def refresh_progress(self):
        """Stage and percentage from the latest progress update (kept on the row for the cards)."""
        latest = self.updates.order_by("-day", "-pk").first()
        self.stage = latest.stage if latest else ""
        self.percent = latest.percent if latest else 0
        Proposal.objects.filter(pk=self.pk).update(stage=self.stage, percent=self.percent)


class Vote(models.Model):
    """One verified person's vote for one proposal. The database refuses a second vote for the same proposal
    and a vote beyond the round's limit (each vote takes a numbered slot, unique per person and round)."""

    round = models.ForeignKey(RoundPage, on_delete=models.CASCADE, related_name="votes")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    person_key = models.CharField(max_length=64)  # a keyed HMAC of the verified phone/e-mail, never the contact
    slot = models.PositiveSmallIntegerField()
    cast_at = models.DateTimeField()

    class Meta:
        verbose_name = "投票"
        verbose_name_plural = "投票"
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person_key"], name="livelihood_one_vote_per_proposal"),
            models.UniqueConstraint(fields=["round", "person_key", "slot"], name="livelihood_vote_slot"),
            models.CheckConstraint(condition=Q(slot__gte=1), name="livelihood_vote_slot_positive"),
        ]

    def __str__(self):
        return f"{self.proposal_id}:{self.slot}"


class ProgressUpdate(models.Model):
    """A dated step of a chosen project, written by its responsible unit; the latest sets its stage and %."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name="项目",
        on_delete=models.CASCADE,
        related_name="updates",
        limit_choices_to={"chosen": True},
    )
    day = models.DateField("日期")
    stage = models.CharField("阶段", max_length=10, choices=Proposal.Stage.choices)
    percent = models.PositiveSmallIntegerField(
        "完成进度（%）", validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField("进展情况", max_length=1000, help_text="做了什么、下一步做什么、什么时候能用上。")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="现场照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = "项目进展"
        verbose_name_plural = "项目进展"

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.proposal.title}"

    def clean(self):
        if self.stage == Proposal.Stage.DONE and self.percent != 100:
            raise ValidationError({"percent": "已完成的项目，进度应为100%。"})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.proposal.refresh_progress()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.proposal.refresh_progress()
        return result
