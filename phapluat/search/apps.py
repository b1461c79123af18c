from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "phapluat.search"
    label = "search"
    verbose_name = "Tìm kiếm"
