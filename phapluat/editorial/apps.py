from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "phapluat.editorial"
    label = "editorial"
    verbose_name = "Chuyên mục, học liệu, dự thảo"

    def ready(self):
        from . import languages, uploads

        languages.register_language_info()
        uploads.install_document_validator()
