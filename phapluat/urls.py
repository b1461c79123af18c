from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("quan-tri/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("", include("phapluat.laws.urls")),
    path("", include("phapluat.search.urls")),
    path("", include("phapluat.qa.urls")),
    path("", include("phapluat.contests.urls")),
    path("", include("phapluat.learning.urls")),
    path("", include("phapluat.assistant.urls")),
    path("", include("phapluat.portal.urls")),
    # Only images are served straight from disk; documents go through Wagtail (/tai-lieu/), which
    # serves them as attachments.
    path("media/images/<path:path>", serve, {"document_root": Path(settings.MEDIA_ROOT) / "images"}),
    path("", include(wagtail_urls)),
]
