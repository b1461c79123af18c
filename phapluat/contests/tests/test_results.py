"""Leaderboards (overall, per commune, per school) without personal data, the officials' XLSX export,
certificates with a verification code, contest creation by officials only, and registration checks."""
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from phapluat.contests.models import Attempt, Certificate, Contest, Participant
from phapluat.contests.services import contests as services
from phapluat.orgs.models import Membership
from phapluat.orgs.services import grant_role

pytestmark = pytest.mark.django_db


def play(contest, *, name, ward, school="", right=10, seconds=100, initials=False, user=None):
    """A participant who answered `right` questions in `seconds` (through the services, clock set by us)."""
    participant, _ = services.participant_register(contest=contest, display_name=name, ward=ward, school=school,
                                                   show_initials=initials, user=user)
    round_ = contest.rounds.get(number=1)
    started = timezone.now() - timedelta(seconds=seconds)
    attempt = services.attempt_start(participant=participant, round_=round_, now=started)
    from phapluat.contests.models import Question

    keys = dict(Question.objects.filter(pk__in=[i["q"] for i in attempt.draw]).values_list("pk", "correct_key"))
    data = {}
    for n, item in enumerate(attempt.draw):
        index = item["o"].index(keys[item["q"]])
        data[f"cau-{item['q']}"] = str(index if n < right else (index + 1) % len(item["o"]))
    services.attempt_submit(participant=participant, round_=round_, data=data, now=started + timedelta(seconds=seconds))
    return participant


@pytest.fixture
def played(contest, orgs):
    play(contest, name="Trần Bình", ward=orgs["ward"], school="THPT Quốc Học", right=9, seconds=200)
    play(contest, name="Lê Chi", ward=orgs["ward"], school="THPT Quốc Học", right=9, seconds=120)
    play(contest, name="Phạm Dũng Văn", ward=orgs["commune"], right=10, seconds=500, initials=True)
    play(contest, name="Hồ Em", ward=orgs["commune"], school="THCS Nguyễn Tri Phương", right=5, seconds=60)
    return contest


def test_ranking_is_by_score_then_server_measured_time(played, client):
    page = client.get(f"/cuoc-thi/{played.slug}/xep-hang/").content.decode()
    order = [page.index(name) for name in ("P. D. V.", "Lê Chi", "Trần Bình", "Hồ Em")]
    assert order == sorted(order)
    assert "Phạm Dũng Văn" not in page  # chose to show initials only


def test_leaderboards_per_commune_and_per_school(played, client, orgs):
    by_ward = client.get(f"/cuoc-thi/{played.slug}/xep-hang/", {"xa": orgs["commune"].slug}).content.decode()
    assert "P. D. V." in by_ward and "Hồ Em" in by_ward and "Lê Chi" not in by_ward.split("Theo xã, phường")[0]
    by_school = client.get(f"/cuoc-thi/{played.slug}/xep-hang/", {"truong": "thpt quốc học"},
                           HTTP_HX_REQUEST="true").content.decode()
    assert "Lê Chi" in by_school and "Trần Bình" in by_school and "Hồ Em" not in by_school
    assert "<html" not in by_school  # htmx gets the table only
    full = client.get(f"/cuoc-thi/{played.slug}/xep-hang/").content.decode()
    assert orgs["commune"].name in full and "THPT Quốc Học" in full


def test_public_pages_carry_no_account_data(contest, orgs, client):
    user = get_user_model().objects.create_user(username="an.nguyen", email="an.nguyen@example.vn",
                                                password="mat-khau-dai-123")
    play(contest, name="An N.", ward=orgs["ward"], user=user)
    for url in (f"/cuoc-thi/{contest.slug}/xep-hang/", f"/cuoc-thi/{contest.slug}/"):
        page = client.get(url).content.decode()
        assert "an.nguyen" not in page and "@example.vn" not in page


@pytest.mark.parametrize("name, message", [
    ("an@example.vn", "thư điện tử hay số điện thoại"),
    ("An 0905123456", "thư điện tử hay số điện thoại"),
    ("A", "ít nhất 2 ký tự"),
])
def test_registration_refuses_personal_data_as_a_display_name(contest, client, orgs, name, message):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", {"display_name": name, "ward": orgs["ward"].pk})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Participant.objects.exists()


def test_registration_requires_a_commune_or_ward(contest, client, orgs):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", {"display_name": "Bình", "ward": orgs["justice"].pk})
    assert response.status_code == 400 and "Xã, phường đã chọn không hợp lệ" in response.content.decode()
    assert not Participant.objects.exists()


def test_display_name_is_escaped_on_the_leaderboard(contest, orgs, client):
    play(contest, name="<script>alert(1)</script>", ward=orgs["ward"])
    page = client.get(f"/cuoc-thi/{contest.slug}/xep-hang/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_one_participation_per_account(contest, orgs):
    user = get_user_model().objects.create_user(username="binh", password="mat-khau-dai-123")
    services.participant_register(contest=contest, display_name="Bình", ward=orgs["ward"], user=user)
    with pytest.raises(services.AlreadySubmitted):
        services.participant_register(contest=contest, display_name="Bình 2", ward=orgs["ward"], user=user)
    assert Participant.objects.count() == 1


def test_xlsx_export_is_for_officials_of_the_organizer(played, official, orgs):
    url = f"/cuoc-thi/{played.slug}/quan-ly/ket-qua.xlsx"
    assert Client().get(url).status_code == 302  # to login
    outsider = get_user_model().objects.create_user(username="phuong", password="mat-khau-dai-123")
    grant_role(user=outsider, organization=orgs["ward"], role=Membership.Role.ADMIN)
    other = Client()
    other.force_login(outsider)
    assert other.get(url).status_code == 403
    client = Client()
    client.force_login(official)
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0][:7] == ("Hạng", "Mã người dự thi", "Tên hiển thị", "Xã, phường", "Trường", "Tổng điểm",
                           "Tổng thời gian (giây)")
    assert [r[2] for r in rows[1:]] == ["Phạm Dũng Văn", "Lê Chi", "Trần Bình", "Hồ Em"]
    assert rows[1][0] == 1 and rows[1][5] == 10 and rows[1][6] == 500.0 and rows[1][9] == "Đã nộp"


def test_spreadsheet_cells_from_citizens_cannot_become_formulas(contest, official, orgs):
    play(contest, name="=HYPERLINK(1)", ward=orgs["ward"], school="+cmd")
    client = Client()
    client.force_login(official)
    sheet = load_workbook(io.BytesIO(client.get(f"/cuoc-thi/{contest.slug}/quan-ly/ket-qua.xlsx").content)).active
    row = list(sheet.iter_rows(min_row=4, max_row=4, values_only=True))[0]
    assert row[2] == "'=HYPERLINK(1)" and row[4] == "'+cmd"


def test_certificates_only_after_the_rounds_close_then_idempotent_and_verifiable(played, official):
    client = Client()
    client.force_login(official)
    url = f"/cuoc-thi/{played.slug}/quan-ly/cap-chung-nhan/"
    response = client.post(url)
    assert response.status_code == 400 and "mọi vòng thi đã kết thúc" in response.content.decode()
    played.rounds.update(closes_at=timezone.now() - timedelta(seconds=1))
    assert client.post(url).status_code == 302
    codes = dict(Certificate.objects.values_list("rank", "code"))
    assert sorted(codes) == [1, 2, 3]
    assert client.post(url).status_code == 302
    assert dict(Certificate.objects.values_list("rank", "code")) == codes  # same codes, no duplicates
    winner = Certificate.objects.get(rank=1)
    assert winner.participant.display_name == "Phạm Dũng Văn" and winner.score == 10
    pdf = Client().get(f"/cuoc-thi/chung-nhan/{winner.code}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = Client().get(f"/cuoc-thi/xac-minh/{winner.code.lower()}/")
    assert page.status_code == 200 and "Giấy chứng nhận hợp lệ" in page.content.decode()
    missing = Client().get("/cuoc-thi/xac-minh/", {"ma": "KHONGCOMA"})
    assert missing.status_code == 404 and "Không có giấy chứng nhận" in missing.content.decode()


def test_only_editors_of_an_organization_create_its_contests(orgs, small_bank, official):
    anonymous = Client().get("/cuoc-thi/tao-moi/")
    assert anonymous.status_code == 302
    citizen = get_user_model().objects.create_user(username="dan", password="mat-khau-dai-123")
    c = Client()
    c.force_login(citizen)
    assert c.get("/cuoc-thi/tao-moi/").status_code == 403
    with pytest.raises(services.NotAllowed):
        services.contest_create(user=official, organization=orgs["ward"], bank=small_bank, title="Không được")
    c.force_login(official)
    now = timezone.localtime()
    form = {"title_contest": "Hội thi pháp luật phường", "organization": orgs["ward"].pk, "bank": small_bank.pk,
            "mode": "thi", "winners_count": 3, "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "question_count": 10,
            "time_limit_minutes": 10}
    response = c.post("/cuoc-thi/tao-moi/", form)  # not an editor of the ward: not offered
    assert response.status_code == 400 and not Contest.objects.filter(title="Hội thi pháp luật phường").exists()
    response = c.post("/cuoc-thi/tao-moi/", {**form, "organization": orgs["justice"].pk})
    assert response.status_code == 302
    created = Contest.objects.get(title="Hội thi pháp luật phường")
    assert created.rounds.get().question_count == 10 and created.created_by == official


def test_round_with_more_questions_than_the_bank_is_refused(contest, official):
    client = Client()
    client.force_login(official)
    now = timezone.localtime()
    response = client.post(f"/cuoc-thi/{contest.slug}/quan-ly/them-vong/", {
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"), "closes_at": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "question_count": 45, "time_limit_minutes": 10})
    assert response.status_code == 400 and "chỉ có 40 câu hỏi dùng được" in response.content.decode()
    assert contest.rounds.count() == 1


def test_practice_shows_explanations_only_after_submitting_and_refuses_a_forged_draw(orgs, client):
    from phapluat.contests.seed import PRACTICE_SLUG, load_banks
    from phapluat.contests.models import Question

    load_banks()
    page = client.get(f"/cuoc-thi/{PRACTICE_SLUG}/luyen-tap/")
    html = page.content.decode()
    assert page.status_code == 200 and "Giải thích" not in html
    import re

    token = re.search(r'name="de" value="([^"]+)"', html).group(1)
    ids = re.findall(r'name="cau-(\d+)" value="0"', html)
    assert len(ids) == 10
    assert not Question.objects.filter(pk__in=ids, has_image=True).exists()
    result = client.post(f"/cuoc-thi/{PRACTICE_SLUG}/luyen-tap/", {"de": token, **{f"cau-{i}": "0" for i in ids}})
    assert result.status_code == 200 and "Giải thích" in result.content.decode()
    assert "Kết quả:" in result.content.decode()
    forged = client.post(f"/cuoc-thi/{PRACTICE_SLUG}/luyen-tap/", {"de": token[:-3] + "abc"})
    assert forged.status_code == 400 and "không hợp lệ" in forged.content.decode()
    not_drawn = Question.objects.exclude(pk__in=ids).first().pk
    forged = client.post(f"/cuoc-thi/{PRACTICE_SLUG}/luyen-tap/", {"de": token, f"cau-{not_drawn}": "0"})
    assert forged.status_code == 400 and "không thuộc đề" in forged.content.decode()
    assert Attempt.objects.count() == 0  # practice stores nothing


def _sheet(rows) -> io.BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "danh-sach.xlsx"
    return out


def _upload(client, contest, rows):
    return client.post(f"/cuoc-thi/{contest.slug}/quan-ly/nhap-danh-sach/", {"bang_tinh": _sheet(rows)})


def test_participant_list_import_is_idempotent_and_gives_working_codes(contest, official, orgs):
    client = Client()
    client.force_login(official)
    rows = [["Tên hiển thị", "Xã, phường", "Trường"], ["Nguyễn Văn Tư", "Phường Phú Xuân", "THPT Quốc Học"],
            ["Lê Thị Năm", "phu xuan", ""], ["Trần Sáu", orgs["commune"].name, "THCS Hương Sơ"]]
    response = _upload(client, contest, rows)
    assert response.status_code == 200 and response["X-Nguoi-Moi"] == "3"
    codes = [r[3] for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True)]
    assert len(codes) == 3 and Participant.objects.filter(contest=contest).count() == 3
    again = _upload(client, contest, rows)
    assert again["X-Nguoi-Moi"] == "0" and again["X-Da-Co"] == "3"
    assert Participant.objects.filter(contest=contest).count() == 3  # nothing registered twice
    student = Client()
    assert student.post(f"/cuoc-thi/{contest.slug}/vao-lai/", {"code": codes[0]}).status_code == 302
    assert "Nguyễn Văn Tư" in student.get(f"/cuoc-thi/{contest.slug}/").content.decode()


@pytest.mark.parametrize("rows, message", [
    ([["Họ tên", "Số điện thoại"], ["An", "0905123456"]], "thiếu cột “Tên hiển thị”, “Xã, phường”"),
    ([["Tên hiển thị", "Trường"], ["An", "X"]], "thiếu cột “Xã, phường”"),
    ([["Tên hiển thị", "Xã, phường"], ["An", "Phường Không Có"]], "Dòng 2: không có xã, phường"),
    ([["Tên hiển thị", "Xã, phường"], ["Bình", "Phường Phú Xuân"], ["an@mail.vn", "Phường Phú Xuân"]],
     "Dòng 3: Tên hiển thị được công khai"),
    ([["Tên hiển thị", "Xã, phường"], ["Bình", "Phường Phú Xuân"], ["Bình", "Phú Xuân"]], "Dòng 3: trùng"),
    ([], "Bảng tính trống"),
])
def test_participant_list_with_wrong_columns_or_rows_is_refused_whole(contest, official, rows, message):
    client = Client()
    client.force_login(official)
    response = _upload(client, contest, rows)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Participant.objects.exists()


def test_participant_list_that_is_not_a_spreadsheet_is_refused(contest, official):
    client = Client()
    client.force_login(official)
    fake = io.BytesIO(b"Ten hien thi;Xa phuong\nAn;Phu Xuan\n")
    fake.name = "danh-sach.xlsx"
    response = client.post(f"/cuoc-thi/{contest.slug}/quan-ly/nhap-danh-sach/", {"bang_tinh": fake})
    assert response.status_code == 400 and "cần một bảng tính Excel" in response.content.decode()
    outsider = Client()
    assert outsider.post(f"/cuoc-thi/{contest.slug}/quan-ly/nhap-danh-sach/").status_code == 302  # login first
    assert not Participant.objects.exists()
