from django.urls import path

from . import manage_views, views

app_name = "qa"

urlpatterns = [
    # Public knowledge base and asking
    path("hoi-dap/", views.index, name="index"),
    path("hoi-dap/gui-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/goi-y/", views.suggest, name="suggest"),
    path("hoi-dap/theo-doi/", views.track_lookup, name="track_lookup"),
    path("hoi-dap/theo-doi/<str:code>/", views.track, name="track"),
    path("hoi-dap/cau-hoi/<int:pk>/", views.question_detail, name="question"),
    path("hoi-dap/cau-hoi/<int:pk>/danh-gia/", views.feedback, name="feedback"),
    path("hoi-dap/bao-cao/<str:kind>/<int:pk>/", views.report, name="report"),
    path("hoi-dap/tinh-huong/", views.publication_list, {"kind": "tinh-huong"}, name="situations"),
    path("hoi-dap/vuong-mac/", views.publication_list, {"kind": "vuong-mac"}, name="problems"),
    path("hoi-dap/tra-loi-kien-nghi/", views.publication_list, {"kind": "tra-loi-kien-nghi"}, name="petition_replies"),
    path("hoi-dap/bai/<slug:slug>/", views.publication_detail, name="publication"),
    path("hoi-dap/tep/<int:pk>/", views.attachment_download, name="attachment"),
    # Legal support for businesses
    path("doanh-nghiep/", views.business_index, name="business"),
    path("doanh-nghiep/gui-vuong-mac/", views.business_ask, name="business_ask"),
    path("doanh-nghiep/tu-van-vien/", views.advisors, name="advisors"),
    path("doanh-nghiep/y-kien-tu-van/", views.publication_list, {"kind": "y-kien-tu-van"}, name="opinions"),
    # Officials
    path("hoi-dap/quan-ly/", manage_views.dashboard, name="manage"),
    path("hoi-dap/quan-ly/qua-han/", manage_views.overdue, name="overdue"),
    path("hoi-dap/quan-ly/cau-hoi/<int:pk>/", manage_views.question, name="manage_question"),
    path("hoi-dap/quan-ly/dieu-khoan/", manage_views.provision_picker, name="provision_picker"),
    path("hoi-dap/quan-ly/kiem-duyet/", manage_views.moderation, name="moderation"),
    path("hoi-dap/quan-ly/bai/", manage_views.publications, name="manage_publications"),
    path("hoi-dap/quan-ly/bai/moi/", manage_views.publication_edit, name="new_publication"),
    path("hoi-dap/quan-ly/bai/<int:pk>/", manage_views.publication_edit, name="manage_publication"),
]
