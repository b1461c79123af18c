"""Signed PDFs whose text layer leaves the number and date blank: read from the signature, or kept as a
draft for an editor — never guessed. The fixtures are LibreOffice PDFs signed the way offices' tools do it
(see fixtures/README.md)."""
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from phapluat.laws.importers import run_import
from phapluat.laws.models import Document, Scope
from phapluat.laws.parsing.signatures import pdf_date

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("written, day", [
    ("D:20250815083010+07'00'", date(2025, 8, 15)),
    ("D:20250814233010+00'00'", date(2025, 8, 15)),   # 06:30 the next morning in Huế
    ("D:20250814233010Z", date(2025, 8, 15)),
    ("D:20250814", date(2025, 8, 14)),
    ("không phải ngày", None),
    ("D:20251345", None),
])
def test_signing_times_are_read_as_the_day_in_vietnam(written, day):
    assert pdf_date(written) == day


@pytest.mark.django_db
def test_number_and_date_left_blank_are_read_from_the_signature(client):
    summary = run_import([FIXTURES / "qd-ky-so.pdf"])
    assert summary.created == 1 and not summary.failures
    document = Document.objects.get(number="125/QĐ-UBND")
    assert document.live and document.issue_date == date(2025, 8, 15)
    assert document.effective_date == date(2025, 8, 15)      # "có hiệu lực kể từ ngày ký"
    assert document.scope == Scope.PROVINCE
    assert document.title == ("Quyết định về việc ban hành Quy chế phối hợp trong công tác phổ biến, giáo dục "
                              "pháp luật trên địa bàn thành phố Huế")   # not cut at the PDF's line break


@pytest.mark.django_db
def test_a_blank_the_signature_does_not_fill_makes_a_draft_for_the_editor(admin_client, capsys):
    call_command("import", str(FIXTURES / "qd-ky-so-khong-so.pdf"), "--no-progress")   # stored: exit 0
    printed = "".join(capsys.readouterr())
    assert "BẢN NHÁP chờ biên tập viên nhập số hiệu" in printed
    draft = Document.objects.get()
    assert not draft.live and draft.number == "" and draft.issue_date == date(2025, 8, 15)
    queue = admin_client.get("/quan-tri/van-ban/can-xac-minh/").content.decode()
    assert "Bản nháp chờ nhập số hiệu" in queue and draft.title in queue

    Document.objects.filter(pk=draft.pk).update(number="126/QĐ-UBND")    # the editor, from the signed copy
    again = run_import([FIXTURES / "qd-ky-so-khong-so.pdf"])
    assert (again.created, again.unchanged) == (0, 1)
    assert Document.objects.get().number == "126/QĐ-UBND"


@pytest.mark.django_db
def test_the_signed_copy_completes_the_draft_instead_of_adding_a_second_document():
    run_import([FIXTURES / "qd-ky-so-khong-so.pdf"])
    completed = run_import([FIXTURES / "qd-ky-so.pdf"])
    assert (completed.created, completed.updated) == (0, 1)
    document = Document.objects.get()
    assert document.number == "125/QĐ-UBND" and document.live
