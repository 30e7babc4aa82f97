"""The annual report's 征集调查 figures (国办函〔2018〕12号) counted from consultations: each consultation
opened in the year is a round (征集调查期数), its comments received in the year are opinions (收到意见数量),
a 采纳情况 first published in the year is a published result (公布调查结果期数)."""

from .models import Comment, ConsultationPage


def annual_figures(year, unit, start, end):
    pages = ConsultationPage.objects.filter(first_published_at__isnull=False)
    comments = Comment.objects.all()
    if unit is not None:
        pages = pages.filter(unit=unit)
        comments = comments.filter(consultation__unit=unit)
    return {
        "survey_rounds": pages.filter(opens_at__gte=start, opens_at__lt=end).count(),
        "survey_opinions": comments.filter(created_at__gte=start, created_at__lt=end).count(),
        "survey_results": pages.filter(adoption_published_at__gte=start, adoption_published_at__lt=end).count(),
    }
