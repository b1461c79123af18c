from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "phapluat.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"
