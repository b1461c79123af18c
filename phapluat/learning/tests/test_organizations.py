"""An organization's administrators enrol their staff, record in-person sessions from spreadsheets and see
the share of their staff trained, and trained online."""
from __future__ import annotations

from datetime import date

from django.utils import timezone

from phapluat.learning.models import Attendance, Enrollment, Lesson, StaffMember, TrainingSession
from phapluat.learning.selectors import coverage
from phapluat.orgs.models import Membership

from .conftest import right_answers, xlsx


def test_admin_enrols_members_of_the_organization(client, course, orgs, ward_admin, make_user):
    member = make_user("canbo-phuong", organization=orgs["ward"])
    client.force_login(ward_admin)
    response = client.post(f"/khoa-hoc/don-vi/{orgs['ward'].slug}/ghi-danh/",
                           {"khoa_hoc": course.pk, "can_bo": [member.pk]})
    assert response.status_code == 200 and "Đã ghi danh 1 người" in response.content.decode()
    enrollment = Enrollment.objects.get(user=member)
    assert enrollment.organization == orgs["ward"] and enrollment.enrolled_by == ward_admin


def test_enrolling_someone_of_another_organization_is_refused_and_enrols_nobody(
        client, course, orgs, ward_admin, make_user):
    member = make_user("canbo-phuong", organization=orgs["ward"])
    stranger = make_user("canbo-noi-khac", organization=orgs["other_ward"])
    client.force_login(ward_admin)
    response = client.post(f"/khoa-hoc/don-vi/{orgs['ward'].slug}/ghi-danh/",
                           {"khoa_hoc": course.pk, "can_bo": [member.pk, stranger.pk]})
    assert response.status_code == 403
    assert "không thuộc đơn vị" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_only_the_organization_administrators_reach_its_page(client, course, orgs, ward_admin, make_user):
    editor = make_user("bientap", organization=orgs["ward"], role=Membership.Role.EDITOR)
    other_admin = make_user("qt-khac", organization=orgs["other_ward"], role=Membership.Role.ADMIN)
    url = f"/khoa-hoc/don-vi/{orgs['ward'].slug}/"
    for user in (editor, other_admin):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(f"{url}ghi-danh/", {"khoa_hoc": course.pk, "can_bo": [editor.pk]}).status_code == 403
    client.force_login(ward_admin)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def _session(client, orgs, ward_admin):
    client.force_login(ward_admin)
    response = client.post(f"/khoa-hoc/don-vi/{orgs['ward'].slug}/tap-huan/moi/", {
        "title": "Tập huấn kỹ năng số cho tuyên truyền viên", "held_on": "2026-03-12",
        "trainer": "Báo cáo viên Sở Tư pháp", "location": "Hội trường phường"})
    assert response.status_code == 302, response.content.decode()[:400]
    return TrainingSession.objects.get()


def test_attendance_sheet_with_wrong_columns_is_refused_with_a_clear_message(client, orgs, ward_admin):
    session = _session(client, orgs, ward_admin)
    url = f"/khoa-hoc/don-vi/{orgs['ward'].slug}/tap-huan/{session.pk}/nhap/"
    response = client.post(url, {"bang_tinh": xlsx([["Tên", "Đơn vị"], ["Lê Văn Hùng", "Phường"]])})
    assert response.status_code == 400
    text = response.content.decode()
    assert "thiếu cột “Họ và tên”" in text and "“Tên”, “Đơn vị”" in text
    not_a_sheet = xlsx([])
    not_a_sheet = type(not_a_sheet)(b"day khong phai bang tinh")
    not_a_sheet.name = "x.xlsx"
    assert client.post(url, {"bang_tinh": not_a_sheet}).status_code == 400
    assert not Attendance.objects.exists()


def test_attendance_import_is_all_or_nothing_and_idempotent(client, orgs, ward_admin, make_user):
    session = _session(client, orgs, ward_admin)
    account = make_user("nguyenvanan", organization=orgs["ward"])
    url = f"/khoa-hoc/don-vi/{orgs['ward'].slug}/tap-huan/{session.pk}/nhap/"
    bad = [["Họ và tên", "Chức danh", "Tên đăng nhập"], ["Lê Văn Hùng", "Tuyên truyền viên", ""],
           ["", "Công chức", ""], ["Phan Thị Hoa", "", "khong-co-tai-khoan"]]
    response = client.post(url, {"bang_tinh": xlsx(bad)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dòng 3: thiếu họ và tên" in text and "Dòng 4: không có tài khoản" in text
    assert not Attendance.objects.exists()

    good = [["HỌ VÀ TÊN", "Chức danh", "Tên đăng nhập"], ["Lê Văn Hùng", "Tuyên truyền viên", ""],
            ["Nguyễn Văn An", "Công chức tư pháp", "nguyenvanan"]]
    for expected_new in (2, 0):
        response = client.post(url, {"bang_tinh": xlsx(good)})
        assert response.status_code == 200
        assert f"Đã nhập {expected_new} người" in response.content.decode()
    assert Attendance.objects.count() == 2
    assert Attendance.objects.get(user=account).full_name == "Nguyễn Văn An"


def test_coverage_counts_each_person_once_online_or_in_person(client, course, orgs, ward_admin, make_user):
    ward = orgs["ward"]
    online_learner = make_user("hoc-truc-tuyen", organization=ward)
    make_user("chua-hoc", organization=ward)
    client.force_login(ward_admin)
    roster = xlsx([["Họ và tên", "Chức danh"], ["Lê Văn Hùng", "Tuyên truyền viên"],
                   ["Hồ Thị Lan", "Báo cáo viên"]])
    response = client.post(f"/khoa-hoc/don-vi/{ward.slug}/danh-sach-can-bo/", {"bang_tinh": roster})
    assert response.status_code == 200 and StaffMember.objects.filter(organization=ward).count() == 2
    session = _session(client, orgs, ward_admin)
    client.post(f"/khoa-hoc/don-vi/{ward.slug}/tap-huan/{session.pk}/nhap/", {"bang_tinh": xlsx(
        [["Họ và tên"], ["Lê Văn Hùng"], ["Khách mời ngoài đơn vị"]])})

    client.force_login(online_learner)
    client.post(f"/khoa-hoc/{course.slug}/ghi-danh/")
    lessons = Lesson.objects.filter(course=course)
    for _round in range(2):  # completing, then retaking every quiz: still one person, one completion
        for lesson in lessons:
            client.post(f"{lesson.get_absolute_url()}nop-bai/", right_answers(lesson))

    result = coverage(ward, start=date(2026, 1, 1), end=timezone.localdate())
    # staff: admin, online learner, not-yet-trained member (accounts) + 2 roster names = 5
    assert (result.staff, result.trained, result.online, result.in_person) == (5, 2, 1, 1)
    assert (result.trained_percent, result.online_percent) == (40, 50)
    assert result.online_activities == 1
    before = coverage(ward, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert (before.staff, before.trained) == (5, 0)

    client.force_login(ward_admin)
    page = client.get(f"/khoa-hoc/don-vi/{ward.slug}/?tu=2026-01-01").content.decode()
    assert "<table" in page and "2/5" in page and "40%" in page
    assert "Tiến độ học trực tuyến của cán bộ" in page and "hoc-truc-tuyen" in page and "5/5 bài" in page
