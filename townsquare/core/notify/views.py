"""The two pages a resident reaches from a message: 回访 (rate once) and 退订 (opt out); and the two
URLs the SMS providers push residents' replies to (``replies.py``)."""

import hmac
import json

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from townsquare.core import pagecache
from townsquare.core.models import Delivery, FollowupRating

from . import followup, optout, replies
from .forms import FollowupForm


@never_cache
def followup_page(request, token):
    pagecache.do_not_cache()  # one resident's case, and it changes when rated
    found = followup.read(token)
    if found is None:
        return render(request, "core/notify/followup.html", {"invalid": True}, status=404)
    case_type, case_id = found
    reference = (
        Delivery.objects.filter(case_type=case_type, case_id=case_id).values_list("reference", flat=True).first() or ""
    )
    existing = FollowupRating.objects.filter(case_type=case_type, case_id=case_id).first()
    context = {"reference": reference, "rating": existing}
    if existing is not None:
        return render(request, "core/notify/followup.html", context)
    form = FollowupForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not form.is_robot:
        data = form.cleaned_data
        try:
            context["rating"] = followup.rate(case_type, case_id, data["outcome"], data["comment"], reference)
            context["thanks"] = True
        except followup.AlreadyRated:
            context["rating"] = FollowupRating.objects.get(case_type=case_type, case_id=case_id)
        return render(request, "core/notify/followup.html", context)
    if form.is_bound:
        form.clear_honeypot()
    return render(request, "core/notify/followup.html", {**context, "form": form})


@never_cache
def optout_page(request, token):
    pagecache.do_not_cache()
    found = optout.read(token)
    if found is None:
        return render(request, "core/notify/optout.html", {"invalid": True}, status=404)
    channel, hashed = found
    done = False
    if request.method == "POST":
        optout.opt_out(channel, hashed=hashed)
        done = True
    return render(request, "core/notify/optout.html", {"done": done, "channel": channel})


# What each provider documents as "received" and as "refused" (it pushes again after a refusal).
REPLY_ANSWERS = {
    "aliyun": (replies.aliyun_replies, {"code": 0, "msg": "成功"}, lambda why: {"code": 1, "msg": why}),
    "tencent": (replies.tencent_replies, {"result": 0, "errmsg": "OK"}, lambda why: {"result": 1, "errmsg": why}),
}


@csrf_exempt
@require_POST
def sms_replies(request, provider, token):
    """A provider's push of residents' replies; the secret token in the path is its only credential."""
    secret = settings.SMS_REPLY_TOKEN
    if not secret or not hmac.compare_digest(token.encode(), secret.encode()):
        raise Http404
    read, received, refused = REPLY_ANSWERS[provider]
    try:
        found = read(json.loads(request.body))
    except ValueError as error:
        return JsonResponse(refused(f"格式不对：{error}"[:100]), status=400, json_dumps_params={"ensure_ascii": False})
    replies.handle(found)
    return JsonResponse(received, json_dumps_params={"ensure_ascii": False})
