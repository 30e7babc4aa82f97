"""The demo county's 征求意见: one open with published comments, one closed with its 采纳情况 and final document.

Called from ``DemoLoader.run()`` after the policies (the closed one links to one). Idempotent: pages by slug,
comments by the submission key ``consultdemo-<slug>-<n>``. Content in content/consultations.py.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from wagtail.models import Page

from townsquare.consultations import opinions
from townsquare.consultations.models import Comment, ConsultationIndexPage, ConsultationPage
from townsquare.publishing.models import HomePage, UnitHomePage

from .content.consultations import CONSULTATIONS
from .content.staff import ADMIN
from .dates import moment

COMMENTERS = ["张桂兰", "李建国", "王秀英", "刘志强", "陈玉梅", "杨德明"]


def ensure_consultations(units, now, tally):
    staff = get_user_model().objects.get(username=ADMIN["username"])
    for spec in CONSULTATIONS:
        page = ConsultationPage.objects.filter(slug=spec["slug"]).first()
        tally.count("征求意见", page is None)
        if page is None:
            page = create(units[spec["unit"]], spec, now)
        ensure_comments(page, spec, now, staff, tally)
        if spec.get("adoption_report") and not page.adoption_report:
            publish_adoption(page, spec, now)


def home_of(unit):
    return UnitHomePage.objects.filter(unit=unit).first() or HomePage.objects.get(unit=unit)


def create(unit, spec, now):
    from .loader import backdate

    opens = moment(now, spec["opens"], "09:00")
    page = ConsultationPage(
        title=spec["title"],
        slug=spec["slug"],
        kind=spec["kind"],
        summary=spec["summary"],
        opens_at=opens,
        closes_at=moment(now, spec["closes"], "17:30"),
        body=[("text", "".join(f"<p>{text}</p>" for text in spec["background"]))],
        draft=list(spec["draft"]),
        questions=spec["questions"],
        how_to_respond=spec["how_to_respond"],
    )
    ConsultationIndexPage.objects.child_of(home_of(unit)).get().add_child(instance=page)
    page.save_revision().publish()
    backdate(page, min(opens, now - timedelta(minutes=30)))
    return ConsultationPage.objects.get(pk=page.pk)


def ensure_comments(page, spec, now, staff, tally):
    anchors = {item["number"]: item["anchor"] for item in page.paragraphs() if "anchor" in item}
    for n, (day, paragraph, text, public, decision, reason, gist) in enumerate(spec["comments"]):
        key = f"consultdemo-{spec['slug']}-{n}"
        if Comment.objects.filter(submission_key=key).exists():
            tally.count("征求意见的居民意见", False)
            continue
        sent = page.opens_at + timedelta(days=day, hours=3 + n)
        comment = Comment.objects.create(
            consultation=page,
            paragraph_anchor=anchors.get(paragraph, ""),
            paragraph_number=paragraph,
            text=text,
            name=COMMENTERS[n % len(COMMENTERS)],
            phone=f"1390000{4000 + n:04d}",
            wants_public=public,
            submission_key=key,
            created_at=sent,
        )
        if public:
            opinions.publish(comment, staff, now=sent + timedelta(days=1))
        else:
            opinions.hide(comment, staff, now=sent + timedelta(days=1))
        if decision:
            opinions.decide(comment, decision, reason, gist)
        tally.count("征求意见的居民意见", True)


def publish_adoption(page, spec, now):
    """The 采纳情况 and the final document, published as a second revision dated after closing."""
    page.adoption_report = spec["adoption_report"]
    page.final_document = Page.objects.filter(slug=spec["final_document"]).first()
    page.save_revision().publish()
    at = moment(now, spec["adoption_days"], "10:00")
    ConsultationPage.objects.filter(pk=page.pk).update(adoption_published_at=at, last_published_at=at)
