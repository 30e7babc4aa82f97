"""The form a resident fills in, built from the survey's questions.

Branching is decided here, on the server: a question asked only after a given choice is not required, and its
answer is dropped, unless that choice was made. Without JavaScript every question is on the page with a note
(仅当第2题选“是”时回答); the small script only hides and shows them as choices change.
"""

from django import forms

from townsquare.core.forms import HoneypotForm

from .models import SurveyQuestion

Kind = SurveyQuestion.Kind
REQUIRED_MESSAGE = "请回答这一题。"
TEXT_LIMITS = {Kind.SHORT: 200, Kind.LONG: 2000}


def field_name(question):
    return f"q{question.pk}"


class Condition:
    """ "Ask ``question`` only if question number ``number`` was answered ``answer``"."""

    def __init__(self, question, source, answer):
        self.question, self.source, self.answer = question, source, answer

    def met(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        return self.answer in values


def conditions(questions):
    """{question pk: Condition} for the questions asked only after an earlier choice; a condition naming no
    earlier choice question is ignored (the question is always asked)."""
    found = {}
    for position, question in enumerate(questions, start=1):
        number = question.show_if_number
        if not number or not question.show_if_answer or not 1 <= number < position:
            continue
        source = questions[number - 1]
        if source.is_choice or source.kind == Kind.SCALE:
            found[question.pk] = Condition(question, source, question.show_if_answer.strip())
    return found


def make_field(question):
    label = question.text
    if question.kind in (Kind.SINGLE, Kind.SCALE):
        choices = [(option, option) for option in question.option_list()]
        return forms.ChoiceField(
            label=label, choices=choices, widget=forms.RadioSelect, required=False, help_text=question.hint
        )
    if question.kind == Kind.MULTIPLE:
        choices = [(option, option) for option in question.option_list()]
        return forms.MultipleChoiceField(
            label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False, help_text=question.hint
        )
    limit = TEXT_LIMITS[question.kind]
    widget = forms.Textarea(attrs={"rows": 5}) if question.kind == Kind.LONG else forms.TextInput
    return forms.CharField(
        label=label,
        max_length=limit,
        required=False,
        widget=widget,
        help_text=question.hint,
        error_messages={"max_length": f"最多写{limit}个字，请精简一下。"},
    )


class SurveyForm(HoneypotForm):
    """One field per question (``q<pk>``); ``answers()`` gives what to store once valid."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.conditions = conditions(self.questions)
        for question in self.questions:
            self.fields[field_name(question)] = make_field(question)

    def bound_questions(self):
        """Each question in order with its number, bound field and condition (and the number it depends on)."""
        numbers = {q.pk: n for n, q in enumerate(self.questions, start=1)}
        rows = []
        for question in self.questions:
            condition = self.conditions.get(question.pk)
            rows.append(
                {
                    "number": numbers[question.pk],
                    "question": question,
                    "field": self[field_name(question)],
                    "condition": condition,
                    "source_number": numbers[condition.source.pk] if condition else None,
                    "source_name": field_name(condition.source) if condition else "",
                }
            )
        return rows

    def is_asked(self, question, data):
        condition = self.conditions.get(question.pk)
        return condition is None or condition.met(data.get(field_name(condition.source)))

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = field_name(question)
            if not self.is_asked(question, data):
                data[name] = [] if question.kind == Kind.MULTIPLE else ""
                continue
            value = data.get(name)
            if isinstance(value, str):
                value = value.strip()
                data[name] = value
            if question.required and not value and name not in self.errors:
                self.add_error(name, "请至少选一项。" if question.kind == Kind.MULTIPLE else REQUIRED_MESSAGE)
        return data

    def answers(self):
        """[(question, choice, text)] to store: a row per chosen option, per scale point, per text written."""
        rows = []
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if not value:
                continue
            if question.kind == Kind.MULTIPLE:
                rows += [(question, option, "") for option in value]
            elif question.is_text:
                rows.append((question, "", value))
            else:
                rows.append((question, value, ""))
        return rows
