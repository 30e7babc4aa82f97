"""The two pages a resident reaches from a message: 回访 (rate once) and 退订 (opt out)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from townsquare.core import pagecache
from townsquare.core.models import Delivery, FollowupRating

from . import followup, optout
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
