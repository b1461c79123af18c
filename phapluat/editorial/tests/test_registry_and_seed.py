from datetime import date

import pytest

from phapluat.editorial.models import LegalReporter, OutreachActivity, SectionPage
from phapluat.editorial.selectors import outreach_report
from phapluat.orgs.models import Membership

pytestmark = pytest.mark.django_db


def test_outreach_report_per_organization_and_year(orgs):
    ward = orgs["phuong-thuan-hoa"]
    reporter = LegalReporter.objects.create(organization=ward, kind="bao-cao-vien", full_name="Nguyễn Văn A",
                                            decision_number="12/QĐ-UBND", decision_date=date(2025, 7, 1))
    for day, attendees, mode in ((1, 40, "truc-tiep"), (2, 120, "truc-tuyen")):
        activity = OutreachActivity.objects.create(organization=ward, date=date(2025, 9, day), place="Nhà văn hóa",
                                                   topic="Luật Đất đai", attendees=attendees, mode=mode)
        activity.reporters.add(reporter)
    OutreachActivity.objects.create(organization=ward, date=date(2024, 5, 1), place="x", topic="y", attendees=10)
    rows = outreach_report(organization=ward)
    assert rows[0] == {"organization__name": ward.name, "year": 2025, "activities": 2, "attendees": 160,
                       "online": 1, "in_person": 1}
    assert rows[1]["year"] == 2024


@pytest.mark.parametrize("role", [Membership.Role.EDITOR, Membership.Role.APPROVER, Membership.Role.ADMIN])
def test_registry_rows_are_editable_only_within_the_organization(role, site, member, client):
    ward, commune = site["phuong-thuan-hoa"].organization, site["xa-a-luoi-1"].organization
    row = LegalReporter.objects.create(organization=ward, kind="tuyen-truyen-vien", full_name="Trần Thị B",
                                       decision_number="3/QĐ", decision_date=date(2025, 1, 2))
    outsider = member(commune, role)
    client.force_login(outsider)
    assert client.get(f"/quan-tri/snippets/editorial/legalreporter/edit/{row.pk}/").status_code in (302, 403, 404)
    listing = client.get("/quan-tri/snippets/editorial/legalreporter/").content.decode()
    assert "Trần Thị B" not in listing
    insider = member(ward, role, name=f"in-{role}")
    client.force_login(insider)
    assert client.get(f"/quan-tri/snippets/editorial/legalreporter/edit/{row.pk}/").status_code == 200


def test_build_site_is_idempotent_and_covers_every_organization(db):
    from phapluat.editorial.seed import build_site
    from phapluat.orgs.models import Organization
    from phapluat.orgs.services import load_all

    load_all()
    first = build_site(with_plan=False)
    assert first["sections_created"] == Organization.objects.count() == 52
    second = build_site(with_plan=False)
    assert second["sections_created"] == 0 and SectionPage.objects.count() == 52
    assert all(s.live for s in SectionPage.objects.all())


def test_plan_text_is_rebuilt_into_paragraphs_and_headings(shared_dir):
    from phapluat.editorial.seed import PLAN_FILE, plan_html

    if not PLAN_FILE.is_file():
        pytest.skip("the plan is not in ../shared/data/hue/")
    html = plan_html(PLAN_FILE.read_text(encoding="utf-8"))
    assert "<h2>I. MỤC TIÊU</h2>" in html and "<h3>1. Mục tiêu tổng quát</h3>" in html


def test_admin_report_shows_only_the_users_organizations(site, member, client):
    ward, commune = site["phuong-thuan-hoa"].organization, site["xa-a-luoi-1"].organization
    OutreachActivity.objects.create(organization=ward, date=date(2025, 3, 1), place="x", topic="y", attendees=30)
    OutreachActivity.objects.create(organization=commune, date=date(2025, 3, 1), place="x", topic="y", attendees=7)
    client.force_login(member(ward, Membership.Role.EDITOR))
    html = client.get("/quan-tri/pbgdpl/bao-cao/?nam=2025").content.decode()
    assert "Phường Thuận Hóa" in html and "Xã A Lưới 1" not in html


def test_an_editor_cannot_file_a_reporter_under_another_organization(site, member, client):
    ward, commune = site["phuong-thuan-hoa"].organization, site["xa-a-luoi-1"].organization
    client.force_login(member(ward, Membership.Role.EDITOR))
    data = {"kind": "bao-cao-vien", "full_name": "Lê Văn C", "position": "", "decision_number": "1/QĐ",
            "decision_date": "2025-01-01", "area_served": "", "active": "on"}
    client.post("/quan-tri/snippets/editorial/legalreporter/add/", {**data, "organization": commune.pk})
    assert not LegalReporter.objects.exists()
    response = client.post("/quan-tri/snippets/editorial/legalreporter/add/", {**data, "organization": ward.pk})
    assert response.status_code == 302 and LegalReporter.objects.get().organization == ward
