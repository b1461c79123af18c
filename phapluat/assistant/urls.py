from django.urls import path

from . import views

app_name = "assistant"

urlpatterns = [
    path("tro-ly/", views.assistant_page, name="page"),
    path("tro-ly/danh-gia/<int:exchange_id>/", views.feedback, name="feedback"),
    path("api/v1/tro-ly/", views.api_ask, name="api"),
]
