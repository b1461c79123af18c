from django.urls import path

from . import views

app_name = "laws"

urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/<slug:slug>/", views.document_detail, name="document"),
    path("van-ban/<slug:slug>/phien-ban/<int:version_id>/", views.document_detail, name="version"),
    path("van-ban/<slug:slug>/ban-in/", views.document_print, name="print"),
    path("van-ban/<slug:slug>/tai-ve/", views.document_download, name="download"),
]
