from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "phapluat.search"
    label = "search"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_delete

        from phapluat.laws.models import Document

        from . import indexing

        def forget(sender, instance, **kwargs):
            # Before the cascade removes the rows, so that word statistics are decremented too.
            indexing.remove_document(instance.pk)

        pre_delete.connect(forget, sender=Document, dispatch_uid="search-forget-document", weak=False)
