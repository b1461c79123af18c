from django.apps import AppConfig


class LawsConfig(AppConfig):
    name = "phapluat.laws"
    label = "laws"
    verbose_name = "Văn bản pháp luật"

    def ready(self):
        from . import signals  # noqa: F401
