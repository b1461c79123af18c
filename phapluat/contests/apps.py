from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "phapluat.contests"
    label = "contests"
    verbose_name = "Cuộc thi tìm hiểu pháp luật"
