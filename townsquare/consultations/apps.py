from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "townsquare.consultations"
    label = "consultations"
    verbose_name = "征求意见"

    def ready(self):
        from wagtail.signals import page_published

        from .adoption import note_adoption_published

        page_published.connect(note_adoption_published, dispatch_uid="consultations.adoption_published")
