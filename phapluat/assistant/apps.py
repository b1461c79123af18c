from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "phapluat.assistant"
    label = "assistant"
    verbose_name = "Trợ lý pháp luật"
