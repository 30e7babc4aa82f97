"""The survey's public pages: answer it (the page itself), thanks, and the published results."""

from django.forms.utils import ErrorDict
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from townsquare.core import pagecache, verification
from townsquare.core.forms import submission_key

from . import responding
from .forms import SurveyForm
from .models import SurveyPage
from .results import tally

TEMPLATE = "surveys/survey_page.html"


def _render(request, survey, status=200, **extra):
    context = survey.get_context(request)
    context.update(extra)
    context.setdefault("unit", survey.unit)
    return TemplateResponse(request, TEMPLATE, context, status=status)


def _keep_typed(form):
    """The answers stay on the page without complaints about them (the resident only asked for a code)."""
    form._errors = ErrorDict()
    return form


def answer(request, survey):
    now = timezone.now()
    state = survey.status(now)
    if state != SurveyPage.Status.OPEN:
        pagecache.valid_until(survey.opens_at if state == SurveyPage.Status.UPCOMING else pagecache.next_midnight(now))
        return _render(request, survey, state=state)
    pagecache.do_not_cache()  # the form, or "already answered", is for this visitor alone
    questions = list(survey.questions.all())
    ident = responding.identity(request, survey)
    if responding.has_answered(survey, ident):
        return _render(request, survey, state="answered")
    verified_kind = survey.identity == SurveyPage.Identity.VERIFIED
    if request.method != "POST":
        return _render(
            request,
            survey,
            state=state,
            form=SurveyForm(questions),
            verify_form=verification.VerificationForm() if verified_kind and ident is None else None,
            verified=verified_kind and ident is not None,
            submission_key=submission_key(None),
        )

    key = submission_key(request.POST)
    form = SurveyForm(questions, request.POST)
    context = {"state": state, "form": form, "submission_key": key, "verified": verified_kind and ident is not None}
    if form.is_robot:
        return redirect(survey.url + "xiexie/")
    if verified_kind and ident is None:
        verify_form = verification.VerificationForm(request.POST)
        outcome = verification.process(request, verify_form, responding.PURPOSE)
        if outcome == "sent":
            _keep_typed(form)
            return _render(request, survey, **context, verify_form=verify_form, sent=True)
        if outcome is None:
            form.is_valid()
            return _render(request, survey, status=400, **context, verify_form=verify_form)
        ident = outcome
        context["verified"] = True
        if responding.has_answered(survey, ident):
            return _render(request, survey, state="answered")
    if not form.is_valid():
        return _render(request, survey, status=400, **context)
    new_token = None
    if not verified_kind:
        if responding.browser_limit_reached(request):
            form.add_error(None, "这个网络提交的答卷太多了，请一小时后再试。")
            response = _render(request, survey, status=429, **context)
            response["Retry-After"] = "3600"
            return response
        if ident is None:
            ident = new_token = responding.new_browser_token()
    try:
        responding.submit(survey, ident, form.answers(), key, request)
    except responding.AlreadyAnswered:
        return _render(request, survey, state="answered")
    response = redirect(survey.url + "xiexie/")
    if new_token:
        responding.set_browser_token(response, new_token)
    return response


def thanks(request, survey):
    return TemplateResponse(request, "surveys/survey_thanks.html", {**survey.get_context(request), "unit": survey.unit})


def results(request, survey):
    if not survey.results_published:
        raise Http404("调查结果还没有公布")
    total, question_results = tally(survey)
    context = {**survey.get_context(request), "unit": survey.unit, "total": total, "results": question_results}
    return TemplateResponse(request, "surveys/survey_results.html", context)
