"""The 回访 form: solved, partly, not solved, and a few words if the resident wants."""

from django import forms

from townsquare.core.forms import HoneypotForm
from townsquare.core.models import FollowupRating


class FollowupForm(HoneypotForm):
    outcome = forms.ChoiceField(
        label="问题解决了吗？",
        choices=FollowupRating.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选一项：已解决、部分解决或未解决。"},
    )
    comment = forms.CharField(
        label="还有什么想说的（可以不填）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "请写在500字以内。"},
    )
