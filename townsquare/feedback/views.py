"""这个页面对您有帮助吗？: the answer, then (after 没有) the 缺少什么 text.

Both work without JavaScript (a POST, then back to the page with a thank-you, or to the 缺少什么 page) and
with it (``static/feedback/feedback.js`` sends ``X-Requested-With: fetch`` and gets JSON). The widget is
on every page, and pages are served from the shared cache, so it carries nothing of the visitor's own: no
CSRF token (that would set a cookie and keep the page out of the cache), no submission key (every visitor
would get the same one). Hence ``csrf_exempt`` — an answer uses no account or cookie, so a forged one is
no more than an answer — and the limits instead: per client address and hour, and one answer per browser
and address per hour (a double click or a second tab records one). The 缺少什么 link is signed and taken once.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from townsquare.core import pagecache, ratelimit

from . import answering
from .forms import AnswerForm, MissingForm

THANKED_QUERY = "fankui"


def _wants_json(request):
    return request.headers.get("X-Requested-With") == "fetch"


def _back(path):
    return f"{path}?{THANKED_QUERY}=1#page-feedback"


def _thanks(request, path):
    return JsonResponse({"done": True}) if _wants_json(request) else redirect(_back(path))


def _refused(request, status, message, path="/"):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    response = render(request, "feedback/refused.html", {"message": message, "back": path}, status=status)
    if status == 429:
        response["Retry-After"] = str(ratelimit.HOUR)
    return response


@csrf_exempt  # see the module's docstring: nothing of the visitor's own, limited per address instead
@require_POST
def answer(request):
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _refused(request, 400, "没能收到您的回答，请回到刚才的页面再点一次。")
    path = form.cleaned_data["path"]
    if form.is_robot:
        return _thanks(request, path)
    address = ratelimit.client_ip(request)
    if ratelimit.reached("feedback", address, settings.FEEDBACK_ANSWERS_PER_HOUR):
        return _refused(request, 429, "您这一小时里回答得太多了，请过一会儿再来。", path)
    browser = f"{address}\n{request.META.get('HTTP_USER_AGENT', '')}\n{path}"
    if not ratelimit.first("feedback-page", browser):
        return _thanks(request, path)  # this browser answered this page a moment ago: one answer
    ratelimit.hit("feedback", address)
    page_answer = answering.answer(path, form.cleaned_data["page"], form.is_helpful)
    if page_answer.helpful:
        return _thanks(request, path)
    url = reverse("feedback:missing", args=[answering.missing_ref(page_answer)])
    return JsonResponse({"missing_url": url}) if _wants_json(request) else redirect(url)


@csrf_exempt  # the signed link is the proof, as the answer's own form could not carry a token
def missing(request, ref):
    pagecache.do_not_cache()
    page_answer = answering.answer_for_ref(ref)
    if page_answer is None:
        return _refused(request, 404, "这个链接已经过期了。谢谢您的回答，我们已经收到。")
    form = MissingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_robot or (form.is_valid() and not form.cleaned_data["missing"]):
            return _thanks(request, page_answer.path)
        if form.is_valid():
            answering.add_missing(page_answer, form.cleaned_data["missing"])
            return _thanks(request, page_answer.path)
        if _wants_json(request):
            return JsonResponse({"error": form.errors["missing"][0]}, status=400)
    context = {"form": form, "back": page_answer.path, "back_thanked": _back(page_answer.path)}
    return render(request, "feedback/missing.html", context, status=400 if form.errors else 200)
