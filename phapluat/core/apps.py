from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phapluat.core"
    label = "core"
    verbose_name = "Nền tảng"
