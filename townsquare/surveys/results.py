"""A survey's results: per question, how many chose each option (and the share of those who answered it),
the scale's average, how many wrote something. Three queries whatever the number of questions and responses.
Free text is for the unit's staff only (``texts``), never on the public results page."""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import SurveyAnswer


@dataclass
class OptionCount:
    label: str
    count: int
    percent: int  # of the people who answered the question, rounded


@dataclass
class QuestionResult:
    number: int
    question: object
    answered: int = 0  # people who answered this question
    options: list = field(default_factory=list)
    average: float | None = None  # scale questions
    texts: list = field(default_factory=list)  # staff only


def tally(survey, *, with_texts=False):
    """(number of responses, [QuestionResult]) for ``survey``."""
    questions = list(survey.questions.all())
    total = survey.responses.count()
    answers = SurveyAnswer.objects.filter(question__page=survey)
    by_choice = {}
    for row in answers.exclude(choice="").values("question_id", "choice").annotate(n=Count("id")):
        by_choice.setdefault(row["question_id"], {})[row["choice"]] = row["n"]
    answered = dict(
        answers.values("question_id").annotate(n=Count("response_id", distinct=True)).values_list("question_id", "n")
    )
    texts = {}
    if with_texts:
        for question_id, text in (
            answers.exclude(text="").order_by("response__submitted_at").values_list("question_id", "text")
        ):
            texts.setdefault(question_id, []).append(text)
    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(number, question, answered.get(question.pk, 0))
        counts = by_choice.get(question.pk, {})
        if not question.is_text:
            labels = question.option_list()
            labels += [label for label in counts if label not in labels]  # options renamed since answered
            for label in labels:
                count = counts.get(label, 0)
                percent = round(100 * count / result.answered) if result.answered else 0
                result.options.append(OptionCount(label, count, percent))
        if question.kind == question.Kind.SCALE and result.answered:
            points = sum(int(label) * count for label, count in counts.items() if label.isdigit())
            result.average = round(points / result.answered, 1)
        result.texts = texts.get(question.pk, [])
        results.append(result)
    return total, results
