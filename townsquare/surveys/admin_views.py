"""调查征集 in the admin: a unit's surveys with their response counts, one survey's results with the free
text, and the CSV of every response (staff of the survey's unit, and county staff)."""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.units.access import may_act_on, scope
from townsquare.units.permissions import StaffOnlyMixin

from .models import SurveyAnswer, SurveyPage
from .results import tally

INDEX_URL_NAME = "surveys_index"


def admin_urls():
    return [
        path("diaocha/", SurveyListView.as_view(), name=INDEX_URL_NAME),
        path("diaocha/<int:pk>/", SurveyResultsView.as_view(), name="surveys_results"),
        path("diaocha/<int:pk>/csv/", SurveyCsvView.as_view(), name="surveys_csv"),
    ]


def survey_for(user, pk):
    survey = get_object_or_404(SurveyPage.objects.select_related("unit"), pk=pk)
    if not may_act_on(user, survey.unit_id):
        raise PermissionDenied
    return survey


class SurveyListView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "调查征集"
    template_name = "surveys/admin/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surveys = scope(self.request.user, SurveyPage.objects.select_related("unit"), "unit")
        context["surveys"] = surveys.annotate(response_count=Count("responses")).order_by("-closes_at")
        context["now"] = timezone.now()
        return context


class SurveyResultsView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/results.html"

    def get_page_title(self):
        return f"调查结果：{self.survey.title}"

    def get(self, request, pk):
        self.survey = survey_for(request.user, pk)
        return super().get(request, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        context["total"], context["results"] = tally(self.survey, with_texts=True)
        return context


class SurveyCsvView(StaffOnlyMixin, View):
    """One row per response: its time, then each question's answer (options joined with "；")."""

    def get(self, request, pk):
        survey = survey_for(request.user, pk)
        questions = list(survey.questions.all())
        rows = {}
        answers = (
            SurveyAnswer.objects.filter(response__survey=survey)
            .select_related("response")
            .order_by("response__submitted_at", "response_id", "id")
        )
        for answer in answers:
            row = rows.setdefault(answer.response_id, {"at": answer.response.submitted_at})
            row.setdefault(answer.question_id, []).append(answer.choice or answer.text)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 with a BOM
        writer = csv.writer(response)
        writer.writerow(["提交时间", *(f"{n}. {q.text}" for n, q in enumerate(questions, start=1))])
        for row in rows.values():
            when = timezone.localtime(row["at"]).strftime("%Y-%m-%d %H:%M")
            writer.writerow([when, *("；".join(row.get(q.pk, [])) for q in questions)])
        return response
