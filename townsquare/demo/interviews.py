"""The demo county's 在线访谈: the county's column at /fangtan/ (listing every unit's), a 在线访谈 column in the
two departments that hold one, an interview coming up with questions (some published, one waiting) and one
held with its transcript and photos. Idempotent: pages by slug, questions by submission key, lines once.
Content in content/interviews.py.
"""

from datetime import timedelta

from wagtail.models import Page

from townsquare.interviews.models import InterviewIndexPage, InterviewPage, InterviewPhoto, Line, Question
from townsquare.publishing.models import HomePage, UnitHomePage

from .content.interviews import HELD, UPCOMING
from .content.units import COUNTY
from .dates import moment

INDEX = {"slug": "fangtan", "title": "在线访谈"}
COUNTY_INTRO = "局长、镇长在线回答大家的问题。访谈开始前就可以提问，访谈时文字实时更新，结束后公布文字实录。"


def ensure_interviews(units, images, now, tally):
    ensure_column(HomePage.objects.get(unit=units[COUNTY]), tally, intro=COUNTY_INTRO)
    for spec in (UPCOMING, HELD):
        home = UnitHomePage.objects.get(unit=units[spec["unit"]])
        interview = ensure_interview(ensure_column(home, tally), spec, units, images, now, tally)
        ensure_questions(interview, spec, now, tally)
        if spec.get("lines"):
            ensure_lines(interview, spec, tally)


def ensure_column(home, tally, intro=""):
    column = InterviewIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    tally.count("在线访谈栏目", column is None)
    if column is None:
        column = InterviewIndexPage(title=INDEX["title"], slug=INDEX["slug"], intro=intro)
        home.add_child(instance=column)
        column.save_revision().publish()
    return column


def ensure_interview(column, spec, units, images, now, tally):
    from .loader import backdate  # the loader imports this module

    interview = InterviewPage.objects.filter(slug=spec["slug"]).first()
    tally.count("在线访谈", interview is None)
    if interview is not None:
        return interview
    starts = moment(now, spec["days"], spec["starts"])
    interview = InterviewPage(
        title=spec["title"],
        slug=spec["slug"],
        unit=units[spec["unit"]],
        summary=spec["summary"],
        guest_name=spec["guest_name"],
        guest_title=spec["guest_title"],
        host_name=spec["host_name"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=spec["hours"]),
    )
    for order, (key, caption) in enumerate(spec.get("photos", ())):
        interview.photos.add(InterviewPhoto(image=images[key], caption=caption, sort_order=order))
    column.add_child(instance=interview)
    interview.save_revision().publish()
    backdate(Page.objects.get(pk=interview.pk), min(starts - timedelta(days=7), now - timedelta(hours=1)))
    return interview


def ensure_questions(interview, spec, now, tally):
    """Questions asked in the days before; answered ones in order through the session's lines."""
    for n, (surname, text, published) in enumerate(spec["questions"]):
        key = f"demo-fangtan-{spec['slug']}-{n}"
        asked = min(interview.starts_at - timedelta(days=4 - n % 4, hours=n), now - timedelta(hours=2))
        _, created = Question.objects.get_or_create(
            submission_key=key,
            defaults={
                "interview": interview,
                "text": text,
                "name": f"{surname}女士" if n % 2 else f"{surname}先生",
                "phone": f"1390000{n + 10:04d}",
                "status": Question.Status.PUBLISHED if published else Question.Status.PENDING,
                "submitted_at": asked,
                "moderated_at": asked + timedelta(hours=3) if published else None,
            },
        )
        tally.count("访谈提问", created)


def ensure_lines(interview, spec, tally):
    if interview.lines.exists():
        tally.count("访谈实录", False)
        return
    questions = list(
        Question.objects.filter(submission_key__startswith=f"demo-fangtan-{spec['slug']}-").order_by("submission_key")
    )
    step = (interview.ends_at - interview.starts_at) / (len(spec["lines"]) + 1)
    for n, (speaker, text, answers) in enumerate(spec["lines"]):
        posted = interview.starts_at + step * n + timedelta(minutes=1)
        question = questions[answers] if answers is not None else None
        Line.objects.create(interview=interview, speaker=speaker, text=text, question=question, posted_at=posted)
        if question is not None:
            Question.objects.filter(pk=question.pk).update(answered_at=posted)
        tally.count("访谈实录", True)
