"""The portal's URLs plus a minimal view: the floor that the document page is measured against."""
from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("bench-floor/", lambda request: HttpResponse("ok")),
    path("", include("phapluat.urls")),
]
