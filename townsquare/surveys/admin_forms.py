"""The survey's edit form in the admin: a question shown only after an answer must point at an earlier
single- or multiple-choice question and one of its options, or the editor is told so (not ignored)."""

from wagtail.admin.forms import WagtailAdminPageForm

CHOICE_KINDS = ("single", "multiple")


def _options(data):
    return [line.strip() for line in (data.get("options") or "").splitlines() if line.strip()]


class SurveyPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("questions")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        kept.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
        for number, form in enumerate(kept, start=1):
            self._check_condition(number, form, kept)
        return cleaned

    @staticmethod
    def _check_condition(number, form, questions):
        data = form.cleaned_data
        target, answer = data.get("show_if_number"), (data.get("show_if_answer") or "").strip()
        if target is None:
            if answer:
                form.add_error("show_if_number", "填了选项，也请填是第几题的选项。")
            return
        if number == 1:
            form.add_error("show_if_number", "第1题前面没有题，不能设显示条件。")
            return
        if not 1 <= target < number:
            form.add_error("show_if_number", f"这是第{number}题，只能跟在它前面的题（第1到第{number - 1}题）后面。")
            return
        earlier = questions[target - 1].cleaned_data
        if earlier.get("kind") not in CHOICE_KINDS:
            form.add_error("show_if_number", f"第{target}题不是选择题，不能按它的答案决定是否显示。")
        elif answer not in _options(earlier):
            form.add_error("show_if_answer", f"第{target}题没有“{answer}”这个选项，请照着它的选项填写。")
