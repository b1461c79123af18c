from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "phapluat.learning"
    label = "learning"
    verbose_name = "Bồi dưỡng, tập huấn trực tuyến"
