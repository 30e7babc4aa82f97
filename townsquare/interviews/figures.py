"""The annual report's 在线访谈 figures (hook ``townsquare_annual_figures``), counted from the data."""

from django.db.models import Q
from django.utils import timezone

from .models import InterviewPage, Question


def annual_figures(year, unit, start, end):
    """访谈期数: published interviews held in the year (an announced one counts once it has started);
    网民留言数量: residents' questions received in it; 答复网民提问数量: questions answered in it.
    ``unit`` None counts the whole site."""
    interviews = InterviewPage.objects.live()
    if unit is not None:
        interviews = interviews.filter(unit=unit)
    questions = Question.objects.filter(interview__in=interviews)
    return {
        "interview_rounds": interviews.filter(starts_at__gte=start, starts_at__lt=min(end, timezone.now())).count(),
        "interview_messages": questions.filter(submitted_at__gte=start, submitted_at__lt=end).count(),
        "interview_answers": questions.filter(Q(answered_at__gte=start) & Q(answered_at__lt=end)).count(),
    }
