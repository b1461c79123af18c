"""One attempt per participant and round, timing kept by the server, answers hidden until submission,
forged, late, replayed and tampered submissions refused with a Vietnamese message and nothing double-counted.
Driven through the real HTTP views."""
import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from phapluat.contests.models import Attempt, Participant, Question
from phapluat.contests.services import contests as services

pytestmark = pytest.mark.django_db


def start(client, contest, number=1):
    response = client.post(f"/cuoc-thi/{contest.slug}/vong-{number}/")
    assert response.status_code == 302, response.content.decode()[:400]
    return Attempt.objects.get(participant=Participant.objects.latest("pk"), round__number=number)


def correct_answers(attempt, *, wrong: int = 0) -> dict:
    """The form a participant who knows every answer would send (the first `wrong` answered wrongly)."""
    data = {}
    keys = dict(Question.objects.filter(pk__in=[i["q"] for i in attempt.draw]).values_list("pk", "correct_key"))
    for n, item in enumerate(attempt.draw):
        right = item["o"].index(keys[item["q"]])
        data[f"cau-{item['q']}"] = str((right + 1) % len(item["o"]) if n < wrong else right)
    return data


def submit(client, contest, data, number=1):
    return client.post(f"/cuoc-thi/{contest.slug}/vong-{number}/nop-bai/", data)


def test_attempt_page_shows_questions_but_never_the_answers(contest, register):
    client = register(contest)
    attempt = start(client, contest)
    page = client.get(f"/cuoc-thi/{contest.slug}/vong-1/lam-bai/").content.decode()
    questions = Question.objects.filter(pk__in=[i["q"] for i in attempt.draw])
    for question in questions:
        assert question.text in page
        if question.explanation:
            assert question.explanation not in page
    # option values are display positions only, never the bank's keys
    values = set(re.findall(r'type="radio" name="cau-\d+" value="([^"]*)"', page))
    assert values <= {"0", "1", "2", "3"}
    assert "correct" not in page and "đáp án đúng" not in page


def test_reload_and_second_tab_get_the_same_attempt_and_clock(contest, register, client):
    register(contest)
    first = start(client, contest)
    second_tab = Client()
    second_tab.cookies = client.cookies
    again = start(second_tab, contest)
    assert again.pk == first.pk and again.draw == first.draw and again.started_at == first.started_at
    assert Attempt.objects.count() == 1
    assert client.get(f"/cuoc-thi/{contest.slug}/vong-1/").status_code == 302  # straight back to the attempt


def test_submission_is_scored_by_the_server_and_replay_is_refused(contest, register, client):
    register(contest)
    attempt = start(client, contest)
    response = submit(client, contest, correct_answers(attempt, wrong=3))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score == 7
    assert 0 <= attempt.duration_ms <= 600_000
    replay = submit(client, contest, correct_answers(attempt))
    assert replay.status_code == 409
    assert "đã được nộp" in replay.content.decode()
    attempt.refresh_from_db()
    assert attempt.score == 7 and Attempt.objects.count() == 1


@pytest.mark.parametrize("tamper, message", [
    (lambda d, a: {**d, "score": "10"}, "trường không hợp lệ"),
    (lambda d, a: {**d, "diem": "10", "duration_ms": "1"}, "trường không hợp lệ"),
    (lambda d, a: {**d, f"cau-{Question.objects.exclude(pk__in=[i['q'] for i in a.draw]).first().pk}": "0"},
     "không thuộc đề"),
    (lambda d, a: {**d, next(iter(d)): "9"}, "phương án không tồn tại"),
    (lambda d, a: {**d, next(iter(d)): "-1"}, "phương án không tồn tại"),
])
def test_forged_or_tampered_submissions_are_refused_and_store_nothing(contest, register, client, tamper, message):
    register(contest)
    attempt = start(client, contest)
    response = submit(client, contest, tamper(correct_answers(attempt), attempt))
    assert response.status_code == 400
    assert message in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.STARTED and attempt.score == 0 and attempt.answers == {}
    # the honest submission still goes through, once
    assert submit(client, contest, correct_answers(attempt)).status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 10


def test_two_answers_for_one_question_are_refused(contest, register, client):
    register(contest)
    attempt = start(client, contest)
    key = f"cau-{attempt.draw[0]['q']}"
    response = client.post(f"/cuoc-thi/{contest.slug}/vong-1/nop-bai/", f"{key}=0&{key}=1",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and "chỉ được chọn một" in response.content.decode()


def test_submission_after_the_deadline_is_refused_and_not_ranked(contest, register, client):
    register(contest)
    attempt = start(client, contest)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(minutes=11), deadline_at=timezone.now() - timedelta(minutes=1))
    response = submit(client, contest, correct_answers(attempt))
    assert response.status_code == 409 and "hết giờ" in response.content.decode().lower()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED and attempt.score == 0
    assert submit(client, contest, correct_answers(attempt)).status_code == 409
    board = client.get(f"/cuoc-thi/{contest.slug}/xep-hang/").content.decode()
    assert "Chưa có bài nộp nào" in board


def test_a_submission_within_the_network_grace_counts_only_the_time_limit(contest, register, client):
    register(contest)
    attempt = start(client, contest)
    deadline = timezone.now() - timedelta(seconds=services.GRACE_SECONDS - 5)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=deadline - timedelta(seconds=600), deadline_at=deadline)
    assert submit(client, contest, correct_answers(attempt)).status_code == 302
    attempt.refresh_from_db()
    assert attempt.duration_ms == 600_000


def test_rounds_not_open_or_closed_cannot_be_started(contest, register, client, official):
    register(contest)
    now = timezone.now()
    services.round_add(user=official, contest=contest, data=services.RoundData(
        opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2), question_count=5))
    response = client.post(f"/cuoc-thi/{contest.slug}/vong-2/")
    assert response.status_code == 403 and "chưa mở" in response.content.decode()
    contest.rounds.filter(number=1).update(opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1))
    response = client.post(f"/cuoc-thi/{contest.slug}/vong-1/")
    assert response.status_code == 409 and "đã kết thúc" in response.content.decode()
    assert not Attempt.objects.exists()


def test_without_registration_there_is_no_attempt(contest, client):
    assert client.post(f"/cuoc-thi/{contest.slug}/vong-1/").status_code == 302
    response = client.post(f"/cuoc-thi/{contest.slug}/vong-1/nop-bai/", {"cau-1": "0"})
    assert response.status_code == 403 and "mã dự thi" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_forged_participant_cookie_is_ignored(contest, register, client):
    register(contest)
    participant = Participant.objects.get()
    intruder = Client()
    intruder.cookies[f"ct{contest.pk}"] = f"{participant.pk}:doan-bua"  # unsigned: rejected
    assert intruder.post(f"/cuoc-thi/{contest.slug}/vong-1/").status_code == 302
    assert not Attempt.objects.exists()


def test_reentry_code_restores_the_participant_on_another_device(contest, register, client):
    register(contest)
    page = client.get(f"/cuoc-thi/{contest.slug}/").content.decode()
    code = re.search(r'<p class="code">([^<]+)</p>', page).group(1)
    phone = Client()
    assert phone.post(f"/cuoc-thi/{contest.slug}/vao-lai/", {"code": code}).status_code == 302
    assert "Nguyễn An" in phone.get(f"/cuoc-thi/{contest.slug}/").content.decode()
    wrong = Client().post(f"/cuoc-thi/{contest.slug}/vao-lai/", {"code": code[:-2] + "xx"})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_of_one_attempt_count_once(contest, register, client):
    register(contest)
    attempt = start(client, contest)
    data = correct_answers(attempt)
    participant, round_ = attempt.participant, attempt.round
    outcomes, barrier = [], threading.Barrier(6)

    def worker():
        barrier.wait()
        try:
            services.attempt_submit(participant=participant, round_=round_, data=data)
            outcomes.append("ok")
        except services.AlreadySubmitted:
            outcomes.append("again")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["again"] * 5 + ["ok"]
    attempt.refresh_from_db()
    assert attempt.score == 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_create_one_attempt(contest, register, client):
    register(contest)
    participant, round_ = Participant.objects.get(), contest.rounds.get()
    ids, barrier = [], threading.Barrier(6)

    def worker():
        barrier.wait()
        try:
            ids.append(services.attempt_start(participant=participant, round_=round_).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(ids) == 6 and len(set(ids)) == 1 and Attempt.objects.count() == 1


def test_choices_survive_a_reload_in_the_browser_until_the_deadline(browser_tools, contest, register, client):
    """A cheap phone that reloads the page (or loses the network) mid-contest keeps the choices made."""
    from phapluat.a11y import runner
    from phapluat.a11y.server import live_server_in_transaction

    register(contest)
    attempt = start(client, contest)
    first, second = (f"cau-{item['q']}" for item in attempt.draw[:2])
    checked = ("Array.from(document.querySelectorAll('#bai-thi input:checked'))"
               ".map(i => i.name + '=' + i.value).sort().join(',')")
    with live_server_in_transaction() as base:
        page = f"{base}/cuoc-thi/{contest.slug}/vong-1/lam-bai/"
        cookies = [{"name": name, "value": morsel.value, "url": base} for name, morsel in client.cookies.items()]
        values = runner.run_steps([
            {"goto": page},
            {"eval": "document.getElementById('luu-tam').hidden"},
            {"click": f'input[name="{first}"][value="1"]'},  # every question has two options at least
            {"click": f'input[name="{second}"][value="0"]'},
            {"goto": f"{base}/cuoc-thi/"},  # away and back: a fresh page, not the browser's own form restore
            {"goto": page},
            {"eval": checked},
            # Past the deadline the kept choices are dropped.
            {"eval": "(() => { const k = 'bai-thi-" + str(attempt.pk) + "'; const s = JSON.parse(localStorage.getItem(k));"
                     " s.until = Date.now() - 1000; localStorage.setItem(k, JSON.stringify(s)); return true; })()"},
            {"goto": page},
            {"eval": checked},
        ], cookies=cookies)
    assert values[0] is False  # the note shows once the choices are being kept
    assert values[1] == ",".join(sorted([f"{first}=1", f"{second}=0"]))
    assert values[3] == ""
