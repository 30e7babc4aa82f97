"""The 12号 annual report's 征集调查 figures from the surveys themselves (hook ``townsquare_annual_figures``)."""

from .models import SurveyPage, SurveyResponse


def annual_figures(year, unit, start, end):
    """A survey opened in the year is a round (征集调查期数), each response an opinion (收到意见数量), results
    published in the year a 公布调查结果期数; ``unit`` None counts the whole county."""
    surveys = SurveyPage.objects.filter(first_published_at__isnull=False)
    responses = SurveyResponse.objects.all()
    if unit is not None:
        surveys, responses = surveys.filter(unit=unit), responses.filter(survey__unit=unit)
    return {
        "survey_rounds": surveys.filter(opens_at__gte=start, opens_at__lt=end).count(),
        "survey_opinions": responses.filter(submitted_at__gte=start, submitted_at__lt=end).count(),
        "survey_results": surveys.filter(results_published_at__gte=start, results_published_at__lt=end).count(),
    }
