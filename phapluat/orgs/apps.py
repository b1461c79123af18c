from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "phapluat.orgs"
    label = "orgs"
    verbose_name = "Cơ quan, đơn vị"
