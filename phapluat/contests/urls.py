from django.urls import path

from . import views

app_name = "contests"

urlpatterns = [
    path("cuoc-thi/", views.contest_list, name="list"),
    path("cuoc-thi/tao-moi/", views.contest_create, name="create"),
    path("cuoc-thi/xac-minh/", views.verify, name="verify_form"),
    path("cuoc-thi/xac-minh/<str:code>/", views.verify, name="verify"),
    path("cuoc-thi/chung-nhan/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("cuoc-thi/<slug:slug>/", views.contest_detail, name="detail"),
    path("cuoc-thi/<slug:slug>/dang-ky/", views.register, name="register"),
    path("cuoc-thi/<slug:slug>/vao-lai/", views.reentry, name="reentry"),
    path("cuoc-thi/<slug:slug>/luyen-tap/", views.practice, name="practice"),
    path("cuoc-thi/<slug:slug>/xep-hang/", views.leaderboard, name="leaderboard"),
    path("cuoc-thi/<slug:slug>/vong-<int:number>/", views.round_start, name="round"),
    path("cuoc-thi/<slug:slug>/vong-<int:number>/lam-bai/", views.attempt_page, name="attempt"),
    path("cuoc-thi/<slug:slug>/vong-<int:number>/nop-bai/", views.attempt_submit, name="submit"),
    path("cuoc-thi/<slug:slug>/vong-<int:number>/ket-qua/", views.attempt_result, name="result"),
    path("cuoc-thi/<slug:slug>/quan-ly/", views.manage, name="manage"),
    path("cuoc-thi/<slug:slug>/quan-ly/them-vong/", views.round_add, name="round_add"),
    path("cuoc-thi/<slug:slug>/quan-ly/nhap-danh-sach/", views.participants_upload, name="participants_upload"),
    path("cuoc-thi/<slug:slug>/quan-ly/ket-qua.xlsx", views.export_xlsx, name="export"),
    path("cuoc-thi/<slug:slug>/quan-ly/cap-chung-nhan/", views.certificates_issue, name="certificates"),
    path("tra-cuu-muc-phat/", views.fines_lookup, name="fines"),
]
