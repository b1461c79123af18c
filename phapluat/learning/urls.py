from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("khoa-hoc/", views.course_list, name="list"),
    path("khoa-hoc/cua-toi/", views.my_learning, name="mine"),
    path("khoa-hoc/xac-minh/", views.verify, name="verify_form"),
    path("khoa-hoc/xac-minh/<str:code>/", views.verify, name="verify"),
    path("khoa-hoc/chung-nhan/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("khoa-hoc/don-vi/", views.org_list, name="orgs"),
    path("khoa-hoc/don-vi/<slug:org>/", views.org_dashboard, name="org"),
    path("khoa-hoc/don-vi/<slug:org>/ghi-danh/", views.org_enroll, name="org_enroll"),
    path("khoa-hoc/don-vi/<slug:org>/danh-sach-can-bo/", views.roster_upload, name="roster_upload"),
    path("khoa-hoc/don-vi/<slug:org>/tap-huan/moi/", views.session_create, name="session_create"),
    path("khoa-hoc/don-vi/<slug:org>/tap-huan/<int:pk>/", views.session_detail, name="session"),
    path("khoa-hoc/don-vi/<slug:org>/tap-huan/<int:pk>/nhap/", views.attendance_upload, name="attendance_upload"),
    path("khoa-hoc/<slug:slug>/", views.course_detail, name="course"),
    path("khoa-hoc/<slug:slug>/ghi-danh/", views.enroll_self, name="enroll"),
    path("khoa-hoc/<slug:slug>/<slug:lesson>/", views.lesson_page, name="lesson"),
    path("khoa-hoc/<slug:slug>/<slug:lesson>/nop-bai/", views.quiz_submit, name="quiz_submit"),
]
