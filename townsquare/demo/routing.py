"""The demo county's smart routing (智能分拨): requests filed under the wrong category with the suggestions staff
saw — one confident (shown alone), two unsure (the top two shown) — and staff decisions: adopted and overridden
suggestions, which ``manage.py train_routing`` learns from (``routing.corrections``), like every demo request
that staff accepted in its category.

The suggestions are stored as the model would store them, so the demo shows the same whether or not a model was
trained before it loaded. Idempotent: each case is found by its submission key.
"""

from datetime import timedelta

from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category, RequestType, ResidentRequest
from townsquare.resident_requests.routing.adopt import adopt_suggestion

from .content.routing import ROUTING_CASES
from .content.staff import ADMIN

KEY_PREFIX = "demo-routing-"


def ensure_routing(units, now, tally):
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.filter(username=ADMIN["username"]).first()
    codes = {code for case in ROUTING_CASES for code in _codes(case)}
    categories = {category.code: category for category in Category.objects.filter(code__in=codes)}
    existing = set(
        ResidentRequest.objects.filter(submission_key__startswith=KEY_PREFIX).values_list("submission_key", flat=True)
    )
    for number, case in enumerate(ROUTING_CASES):
        key = KEY_PREFIX + case["key"]
        if key not in existing and all(code in categories for code in _codes(case)):
            _make(case, key, categories, actor, now - timedelta(hours=3 + 5 * number))
        tally.count("智能分拨演示留言", key not in existing)


def _codes(case):
    codes = [case["chosen"]] + [code for code, _ in case["suggested"]]
    if isinstance(case["staff"], tuple):
        codes.append(case["staff"][1])
    return codes


def _make(case, key, categories, actor, when):
    request, _ = handling.submit(
        {
            "request_type": RequestType.COMPLAIN,
            "category": categories[case["chosen"]],
            "title": case["title"],
            "details": case["details"],
            "contact_name": "示范居民",
            "contact_phone": "13800000000",
        },
        submission_key=key,
        now=when,
    )
    (first, first_score), (second, second_score) = case["suggested"]
    request.suggested_category, request.suggestion_score = categories[first], first_score
    request.runner_up_category, request.runner_up_score = categories[second], second_score
    request.save(update_fields=["suggested_category", "suggestion_score", "runner_up_category", "runner_up_score"])
    later = when + timedelta(hours=1)
    if case["staff"] == "adopt":
        adopt_suggestion(request, actor, by_county=True, now=later)
    elif isinstance(case["staff"], tuple):
        target = categories[case["staff"][1]]
        handling.transfer(
            request, target.unit, "分类选错，按事项归属转办", actor, category=target, by_county=True, now=later
        )
    return request
