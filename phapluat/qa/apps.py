from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "phapluat.qa"
    label = "qa"
    verbose_name = "Hỏi đáp pháp luật"
