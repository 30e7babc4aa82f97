"""The demo county's 调查征集: a 调查征集 column on the county home (every unit's surveys) and on the homes of the
units that ask, a finished survey with published results and an open one, with responses drawn from fixed weights.

Idempotent: columns and surveys are found by slug, responses by their submission keys ``surveydemo-<slug>-<n>``.
Content in content/surveys.py.
"""

import random
from datetime import timedelta

from django.utils.crypto import salted_hmac

from townsquare.publishing.models import HomePage, UnitHomePage
from townsquare.surveys.models import SurveyIndexPage, SurveyPage, SurveyQuestion, SurveyResponse
from townsquare.surveys.responding import submit

from .content.surveys import INDEX, SURVEYS
from .content.units import COUNTY


def ensure_surveys(units, now, tally):
    ensure_index(HomePage.objects.get(unit=units[COUNTY]), tally)
    for spec in SURVEYS:
        home = UnitHomePage.objects.get(unit=units[spec["unit"]])
        survey = ensure_survey(ensure_index(home, tally), spec, now, tally)
        ensure_responses(survey, spec, now, tally)


def ensure_index(home, tally):
    index = SurveyIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    tally.count("调查征集栏目", index is None)
    if index is None:
        index = SurveyIndexPage(title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"])
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def ensure_survey(index, spec, now, tally):
    from .loader import backdate  # the loader imports this module

    survey = SurveyPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    tally.count("调查", survey is None)
    opens = now - timedelta(days=spec["opens_days_ago"])
    closes = (
        now - timedelta(days=spec["closes_days_ago"])
        if "closes_days_ago" in spec
        else now + timedelta(days=spec["closes_in_days"])
    )
    if survey is None:
        survey = SurveyPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            opens_at=opens,
            closes_at=closes,
            identity=spec["identity"],
            results_published="results_days_ago" in spec,
            results_summary=spec.get("summary", ""),
        )
        for question in spec["questions"]:
            number, answer = question.get("show_if", (None, ""))
            survey.questions.add(
                SurveyQuestion(
                    kind=question["kind"],
                    text=question["text"],
                    hint=question.get("hint", ""),
                    required=question.get("required", True),
                    options="\n".join(label for label, _ in question["answers"]) if question["kind"] != "long" else "",
                    show_if_number=number,
                    show_if_answer=answer,
                )
            )
        index.add_child(instance=survey)
        survey.save_revision().publish()
        backdate(survey, opens - timedelta(days=1))
    # Dates follow the day the demo loads.
    results_at = now - timedelta(days=spec["results_days_ago"]) if "results_days_ago" in spec else None
    SurveyPage.objects.filter(pk=survey.pk).update(opens_at=opens, closes_at=closes, results_published_at=results_at)
    return SurveyPage.objects.get(pk=survey.pk)


def ensure_responses(survey, spec, now, tally):
    keys = [f"surveydemo-{spec['slug']}-{n}" for n in range(spec["responses"])]
    existing = set(SurveyResponse.objects.filter(submission_key__in=keys).values_list("submission_key", flat=True))
    questions = list(survey.questions.all())
    draw = random.Random(spec["slug"])
    start, end = survey.opens_at, min(survey.closes_at, now)
    for key in keys:
        answers = drawn_answers(draw, questions, spec["questions"])  # drawn for every key: the same every load
        when = start + (end - start) * draw.random()
        if key in existing:
            tally.count("调查答卷", False)
            continue
        ident = salted_hmac("townsquare.demo.surveys", key).hexdigest()
        response = submit(survey, ident, answers, key)
        SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=when)
        tally.count("调查答卷", True)
    SurveyResponse.objects.filter(survey=survey, submitted_at__gt=now).update(submitted_at=now)


def drawn_answers(draw, questions, specs):
    rows, chosen = [], {}
    for number, (question, spec) in enumerate(zip(questions, specs, strict=True), start=1):
        labels = [label for label, _ in spec["answers"]]
        weights = [weight for _, weight in spec["answers"]]
        condition = spec.get("show_if")
        if condition and condition[1] not in chosen.get(condition[0], ()):
            continue
        if question.kind == "multiple":
            picks = {label for label, weight in spec["answers"] if draw.random() < weight / 100}
            picked = [label for label in labels if label in picks] or [draw.choices(labels, weights)[0]]
            rows += [(question, label, "") for label in picked]
            chosen[number] = picked
        elif question.is_text:
            if draw.random() < 0.15:
                rows.append((question, "", draw.choices(labels, weights)[0]))
        else:
            pick = draw.choices(labels, weights)[0]
            rows.append((question, pick, ""))
            chosen[number] = [pick]
    return rows
