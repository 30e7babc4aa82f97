from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "townsquare.knowledge"
    label = "knowledge"
    verbose_name = "知识库"
