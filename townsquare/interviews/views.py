"""Residents' side of an interview: the question form, its receipt, and the new lines for the live page.

The interview page itself is the page model's (``InterviewPage.get_context``) and stays in the anonymous
page cache: the form lives on its own address (``tiwen/``, with its CSRF cookie), and the live page asks
``gengxin/?after=<last line id>`` for what was posted since, a small JSON answer the cache keeps until a
line is posted (the table's tag).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache

from townsquare.core import grants, pagecache, ratelimit
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import HOUR

from . import handling
from .forms import QuestionForm
from .models import Stage

logger = logging.getLogger(__name__)

ASKED = "interviews:asked"  # questions this browser sent (core.grants): the receipt shows only those
FORM_TEMPLATE = "interviews/ask.html"
LIMIT_SCOPE = "interview-question-ip"


def _render_form(request, interview, form, key, status=200, notice=""):
    context = {"page": interview, "form": form, "submission_key": key, "notice": notice}
    return render(request, FORM_TEMPLATE, context, status=status)


@never_cache
def ask(request, interview):
    if not interview.takes_questions():
        return render(request, FORM_TEMPLATE, {"page": interview, "closed": True})
    if request.method != "POST":
        return _render_form(request, interview, QuestionForm(), new_submission_key())
    form = QuestionForm(request.POST)
    key = submission_key(form.data)
    if form.is_robot:
        form.clear_honeypot()
        return _render_form(request, interview, form, key, status=400, notice="没有提交成功，请再点一次“提交问题”。")
    if not form.is_valid():
        return _render_form(request, interview, form, key, status=400)
    limit = settings.INTERVIEW_QUESTIONS_PER_IP_HOUR
    ip = ratelimit.client_ip(request)
    if ratelimit.reached(LIMIT_SCOPE, ip, limit, HOUR):
        notice = f"这个网络一小时内已经提了{limit}个问题，请过一小时再提。您写的内容都还在。"
        return _render_form(request, interview, form, key, status=429, notice=notice)
    try:
        question, created = handling.ask(interview, form.question_fields(), submission_key=key)
    except ValidationError as error:
        return _render_form(request, interview, form, key, status=400, notice=error.messages[0])
    except DatabaseError:
        logger.exception("an interview question could not be stored")
        notice = "系统暂时出了故障，问题没有保存。您写的内容都还在，请过几分钟再提交。"
        return _render_form(request, interview, form, key, status=503, notice=notice)
    if created:
        ratelimit.hit(LIMIT_SCOPE, ip, HOUR)
    grants.grant(request, ASKED, str(question.pk))
    return redirect(interview.subpage_url("asked") + f"?q={question.pk}")


@never_cache
def asked(request, interview):
    number = request.GET.get("q", "")
    question = None
    if number.isdigit() and grants.is_granted(request, ASKED, number):
        question = interview.questions.filter(pk=number).first()
    if question is None:
        return redirect(interview.url)
    return render(request, "interviews/asked.html", {"page": interview, "question": question})


def updates(request, interview):
    """The lines after ``after`` as HTML fragments, and the stage (the page stops asking once ended)."""
    after = request.GET.get("after", "0")
    after = int(after) if after.isdigit() and len(after) < 18 else 0
    now = timezone.now()
    pagecache.valid_until(interview.next_change(now))
    lines = list(interview.shown_lines(after))
    items = [
        {"id": line.pk, "html": render_to_string("interviews/includes/line.html", {"line": line, "page": interview})}
        for line in lines
    ]
    stage = interview.stage(now)
    return JsonResponse(
        {
            "stage": stage,
            "stage_label": Stage(stage).label,
            "after": lines[-1].pk if lines else after,
            "lines": items,
        },
        json_dumps_params={"ensure_ascii": False},
    )
