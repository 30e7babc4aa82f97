"""The demo county's 热点问题: requests about three problems, the weekly analysis, and one public response.

Called from ``DemoLoader.run()`` after 我要留言 (``requests.py``) and before 监管 (which scores the overdue
one). Idempotent: each demo request has the submission key ``hotdemo-<topic>-<n>`` (not ``demo-``: those are
我要留言's planned requests), the response page its slug; the analysis itself (``hotspots.topics.refresh``)
matches topics found before. Content in content/hotspots.py.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from wagtail.models import Page

from townsquare.hotspots.models import HotTopic
from townsquare.hotspots.topics import refresh
from townsquare.publishing.models import HomePage, InterpretationPage, SectionPage
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category, ResidentRequest

from .content.hotspots import RESPONSE, TOPICS
from .content.requests import RESIDENT_GIVEN, RESIDENT_SURNAMES
from .content.staff import ADMIN
from .content.units import COUNTY


def ensure_hotspots(units, now, tally):
    staff = get_user_model().objects.get(username=ADMIN["username"])
    filed = {spec["key"]: ensure_topic_requests(spec, now, staff, tally) for spec in TOPICS}
    refresh(now)
    for spec in TOPICS:
        topic = HotTopic.objects.current().filter(requests__in=filed[spec["key"]]).distinct().first()
        if topic is None or spec["state"] == "rising":
            continue
        crossed = now - timedelta(days=spec["crossed_days_ago"])
        HotTopic.objects.filter(pk=topic.pk).update(crossed_at=crossed)
        if spec["state"] == "answered" and topic.response_id is None:
            topic.refresh_from_db()
            topic.attach_response(ensure_response(units, topic.lead_unit, crossed + timedelta(days=2), tally))


def ensure_topic_requests(spec, now, staff, tally):
    category = Category.objects.get(code=spec["category"])
    keys = [f"hotdemo-{spec['key']}-{n}" for n in range(len(spec["days"]))]
    existing = {r.submission_key: r for r in ResidentRequest.objects.filter(submission_key__in=keys)}
    filed = []
    for n, (key, days_ago) in enumerate(zip(keys, spec["days"], strict=True)):
        request = existing.get(key)
        if request is None:
            received = now - timedelta(days=days_ago, hours=2 + n % 7)
            data = {
                "request_type": "complain",
                "category": category,
                "title": spec["titles"][n % len(spec["titles"])],
                "details": spec["details"][n % len(spec["details"])],
                "contact_name": RESIDENT_SURNAMES[n % len(RESIDENT_SURNAMES)] + RESIDENT_GIVEN[n % len(RESIDENT_GIVEN)],
                "contact_phone": f"1390000{n:04d}",
            }
            request, _ = handling.submit(data, submission_key=key, now=received)
            handling.accept(request, staff, now=received + timedelta(hours=1))
        tally.count("热点留言", key not in existing)
        filed.append(request)
    return filed


def ensure_response(units, unit, when, tally):
    """The 回应关切 page, in the county's 政策解读 column as the lead unit (towns have no such column)."""
    from .loader import backdate  # the loader imports this module

    page = InterpretationPage.objects.filter(slug=RESPONSE["slug"]).first()
    if page is not None:
        return page
    home = HomePage.objects.get(unit=units[COUNTY])
    column = SectionPage.objects.child_of(home).get(kind=SectionPage.Kind.INTERPRETATION)
    body = [("text", "".join(f"<p>{line}</p>" for line in RESPONSE["body"]))]
    page = InterpretationPage(
        title=RESPONSE["title"],
        slug=RESPONSE["slug"],
        unit=unit,
        summary=RESPONSE["summary"],
        body=body,
        form=InterpretationPage.Form.RESPONSE,
    )
    column.add_child(instance=page)
    page.save_revision().publish()
    backdate(page, when)
    tally.count("回应关切", True)
    return Page.objects.get(pk=page.pk).specific
