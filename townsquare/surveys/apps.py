from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "townsquare.surveys"
    label = "surveys"
    verbose_name = "调查征集"
