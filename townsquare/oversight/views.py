"""监管 in the Wagtail admin: the county's and every unit's score, findings with their fix, trends.

Who sees what (from townsquare/units): supervisors see the county and every unit; they are
superusers and the 负责人 or 审核 of the county unit (kind "county") or of the media centre
(``is_media_center``). Anyone else with a role in a unit sees only that unit (or those units).
URLs (registered in wagtail_hooks.py, under /admin/):
  jianguan/                 oversight_dashboard
  jianguan/danwei/<pk>/     oversight_unit
  jianguan/jiancha/         oversight_run_now (POST)
"""

from collections import OrderedDict
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.feedback import reports as feedback_reports
from townsquare.screening import reports as screening_reports
from townsquare.units.access import is_staff_member, roles_of
from townsquare.units.models import Unit

from . import availability, scoring
from .admin_links import channel_admin_url
from .checks import SUPERVISING_ROLES, findings_of, run_health_check
from .models import HealthRun, UnitScore

DASHBOARD_URL_NAME = "oversight_dashboard"
UNIT_URL_NAME = "oversight_unit"
RUN_URL_NAME = "oversight_run_now"


def is_supervisor(user):
    """Superusers, and the 负责人 or 审核 of the county unit or of the media centre."""
    return roles_of(user).county_or_media_role(*SUPERVISING_ROLES)


def visible_unit_ids(user):
    """None for supervisors (every unit), else the ids of the user's own units."""
    if is_supervisor(user):
        return None
    return set(roles_of(user).unit_ids)


def can_see_dashboard(user):
    """Every staff member: supervisors see every unit, everyone else their own units."""
    return is_staff_member(user)


def admin_urls():
    return [
        path("jianguan/", DashboardView.as_view(), name=DASHBOARD_URL_NAME),
        path("jianguan/danwei/<int:pk>/", UnitView.as_view(), name=UNIT_URL_NAME),
        path("jianguan/jiancha/", RunNowView.as_view(), name=RUN_URL_NAME),
    ]


# --- Trends --------------------------------------------------------------------------------------


def trend_since(now=None):
    now = now or timezone.now()
    return now - timedelta(weeks=settings.OVERSIGHT_TREND_WEEKS)


def _point(score, vetoes):
    """A vetoed result fails whatever its points: drawn at 0 (and flagged), never near 100."""
    return 0.0 if vetoes else float(score)


def _series(label, points):
    """``points``: [(score, vetoes) or None] in the runs' order."""
    return {
        "label": label,
        "values": [None if point is None else _point(*point) for point in points],
        "vetoed": [bool(point and point[1]) for point in points],
    }


def trend(unit_ids=None, include_county=True, now=None):
    """Chart data: one point a day (the day's last run), the county's line and one per unit (two queries)."""
    runs = list(
        HealthRun.objects.filter(ran_at__gte=trend_since(now))
        .order_by("ran_at", "pk")
        .values_list("pk", "ran_at", "county_score", "county_vetoes")
    )
    per_day = OrderedDict()
    for pk, ran_at, score, vetoes in runs:
        per_day[timezone.localdate(ran_at)] = (pk, ran_at, score, vetoes)
    chosen = list(per_day.values())
    scores = UnitScore.objects.filter(run_id__in=[run[0] for run in chosen])
    if unit_ids is not None:
        scores = scores.filter(unit_id__in=unit_ids)
    by_unit = OrderedDict()
    for run_id, unit_id, name, short, score, vetoes in scores.order_by("unit__sort_order", "unit_id").values_list(
        "run_id", "unit_id", "unit__name", "unit__short_name", "score", "vetoes"
    ):
        by_unit.setdefault(unit_id, {"label": short or name, "points": {}})["points"][run_id] = (score, vetoes)
    series = []
    if include_county:
        series.append(_series("全县", [(score, vetoes) for _, _, score, vetoes in chosen]))
    for entry in by_unit.values():
        series.append(_series(entry["label"], [entry["points"].get(run[0]) for run in chosen]))
    return {
        "x": [int(run[1].timestamp()) for run in chosen],
        "dates": [f"{day:%m-%d}" for day in per_day],
        "series": series,
        "pass_score": settings.OVERSIGHT_PASS_SCORE,
    }


def trend_rows(data):
    """The chart's figures as table rows (its text alternative); a vetoed point reads 否决."""
    return [
        {
            "date": date,
            "values": ["否决" if series["vetoed"][index] else series["values"][index] for series in data["series"]],
        }
        for index, date in enumerate(data["dates"])
    ]


def hot_topics_context(now):
    """The hottest current topics (热点问题) for the supervisors' dashboard, each with its response state."""
    from townsquare.hotspots.models import HotTopic

    topics = list(HotTopic.objects.current().select_related("lead_unit")[: settings.OVERSIGHT_DASHBOARD_HOT_TOPICS])
    return {
        "hot_topics": [(topic, topic.is_overdue(now)) for topic in topics],
        "hot_topics_url": reverse("hotspots_index"),
    }


def unhelpful_context(visible=None):
    """Pages residents say did not help them (页面反馈), with what they missed, for the units the user may see."""
    return {
        "unhelpful_pages": feedback_reports.unhelpful_pages(visible),
        "unhelpful_days": settings.FEEDBACK_UNHELPFUL_DAYS,
        "unhelpful_min": settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS,
        "unhelpful_percent": round(100 * settings.FEEDBACK_UNHELPFUL_SHARE),
        "feedback_url": reverse("feedback_index"),
    }


def availability_context(now=None):
    """The site's availability for the dashboard: an open outage, the current window and the weeks before."""
    windows = availability.weeks(now)
    return {
        "outage": availability.open_outage(),
        "availability": windows[0],
        "availability_history": windows,
        "availability_threshold": availability.threshold_percent(),
        "availability_min_checks": settings.AVAILABILITY_MIN_CHECKS_PER_DAY,
        "availability_checks_per_day": settings.AVAILABILITY_CHECKS_PER_DAY,
        "availability_timeout": settings.AVAILABILITY_TIMEOUT_SECONDS,
    }


# --- Views ---------------------------------------------------------------------------------------


class OversightMixin(WagtailAdminTemplateMixin):
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_dashboard(request.user):
            raise PermissionDenied
        self.visible = visible_unit_ids(request.user)
        self.supervisor = self.visible is None
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


def _row(score):
    findings = findings_of(score)
    return {
        "score": score,
        "unit": score.unit,
        "vetoes": [f for f in findings if f.severity == scoring.VETO],
        "url": reverse(UNIT_URL_NAME, args=[score.unit_id]),
    }


def disclosure_coverage(visible=None):
    """Each unit's 标准目录 coverage now (政务公开), for the units the user may see."""
    from townsquare.disclosure.coverage import coverage

    units = None if visible is None else Unit.objects.filter(pk__in=visible)
    return coverage(units)


class DashboardView(OversightMixin, TemplateView):
    template_name = "oversight/dashboard.html"
    page_title = "监管：网站健康检查"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = HealthRun.objects.first()
        context.update(run=run, supervisor=self.supervisor, pass_score=settings.OVERSIGHT_PASS_SCORE)
        context["screening"] = screening_reports.open_by_unit(self.visible)
        context["disclosure"] = disclosure_coverage(self.visible)
        context.update(unhelpful_context(self.visible))
        if self.supervisor:
            context.update(availability_context())
            context.update(hot_topics_context(timezone.now()))
        if run is None:
            return context
        scores = run.unit_scores.select_related("unit")
        if self.visible is not None:
            scores = scores.filter(unit_id__in=self.visible)
        rows = [_row(score) for score in scores]
        rows.sort(key=lambda r: (r["score"].passed, -r["score"].vetoes, r["score"].score, r["unit"].sort_order))
        vetoes = [(row["unit"], finding) for row in rows for finding in row["vetoes"]]
        zombies = [
            (row["unit"], finding)
            for row in rows
            for finding in findings_of(row["score"])
            if finding.code == "zombie_account"
        ]
        county_findings = [scoring.Finding.from_dict(item) for item in run.county_findings] if self.supervisor else []
        # Supervisors see the county's line and those of the units failing now; others their own units.
        failing_ids = {row["unit"].pk for row in rows if not row["score"].passed}
        chart = trend(failing_ids if self.supervisor else self.visible, include_county=self.supervisor)
        context.update(
            rows=rows,
            vetoes=vetoes,
            zombies=zombies,
            county_vetoes=[f for f in county_findings if f.severity == scoring.VETO],
            county_deductions=[f for f in county_findings if f.severity == scoring.DEDUCTION],
            failing=sum(1 for row in rows if not row["score"].passed),
            chart=chart,
            chart_rows=trend_rows(chart),
            channels_url=channel_admin_url(),
        )
        return context


class UnitView(OversightMixin, TemplateView):
    template_name = "oversight/unit.html"

    def dispatch(self, request, *args, **kwargs):
        self.unit_pk = kwargs["pk"]
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.visible is not None and self.unit_pk not in self.visible:
            raise PermissionDenied
        self.unit = Unit.objects.filter(pk=self.unit_pk).first()
        if self.unit is None:
            raise Http404("没有这个单位。")
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return f"监管：{self.unit.display_name}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(DASHBOARD_URL_NAME), "label": "监管"},
            {"url": "", "label": self.unit.display_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        score = UnitScore.objects.filter(unit=self.unit).select_related("run").order_by("-run__ran_at", "-pk").first()
        findings = findings_of(score) if score else []
        chart = trend({self.unit.pk}, include_county=False)
        context.update(
            unit=self.unit,
            score=score,
            vetoes=[f for f in findings if f.severity == scoring.VETO],
            deductions=[f for f in findings if f.severity == scoring.DEDUCTION],
            advice=[f for f in findings if f.severity == scoring.ADVICE],
            chart=chart,
            chart_rows=trend_rows(chart),
            pass_score=settings.OVERSIGHT_PASS_SCORE,
            supervisor=self.supervisor,
        )
        return context


class RunNowView(View):
    """立即检查: score everything now (links as last checked) and go back to the dashboard."""

    def post(self, request):
        if not can_see_dashboard(request.user):
            raise PermissionDenied
        run = run_health_check(trigger="manual")
        messages.success(request, f"检查完成：全县{run.verdict}。")
        unit = request.POST.get("unit", "")
        if unit.isdigit():
            return redirect(UNIT_URL_NAME, pk=int(unit))
        return redirect(DASHBOARD_URL_NAME)
