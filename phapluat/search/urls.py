# Placeholder until the search app lands (owned by the search work).
from django.http import HttpResponse
from django.urls import path

app_name = "search"
urlpatterns = [path("tim-kiem/", lambda request: HttpResponse("Tìm kiếm"), name="results")]
