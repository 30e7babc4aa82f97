from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "townsquare.feedback"
    label = "feedback"
    verbose_name = "页面反馈"
