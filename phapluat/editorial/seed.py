"""The page tree, built idempotently: home → "don-vi" → one section per organization; "hoc-lieu"; "du-thao".

Called by `phapluat seed` (after orgs.services.load_all()). Creates no invented news: only the structure,
the audiences and — because it is real — the city's plan for digital legal dissemination 2025–2030 as a
published page of the Sở Tư pháp section, when ../shared/data/hue/ holds it.
"""
from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page, Site

from ..orgs.models import Organization
from .models import (AUDIENCES, ArticlePage, Audience, DraftIndexPage, HomePage, MaterialIndexPage,
                     SectionIndexPage, SectionPage)

PLAN_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "hue" / \
    "ke-hoach-chuyen-doi-so-pbgdpl-hue-2025-2030.txt"
PLAN_SLUG = "ke-hoach-chuyen-doi-so-pbgdpl-2025-2030"


def _tree_root() -> Page:
    Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=Locale.objects.get(language_code="vi"))
    return root


def _home(root: Page) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Pháp luật Huế", slug="trang-chu"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Pháp luật Huế")
    elif site.root_page_id != home.pk:
        old = site.root_page
        site.root_page = home
        site.save()
        # Wagtail's placeholder "Welcome" page goes when nothing hangs under it.
        if type(old.specific) is Page and old.depth == 2 and not old.get_children().exists():
            old.delete()
    return home


def _child(parent: Page, model, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    return parent.add_child(instance=model(slug=slug, **fields))


def section_for(organization: Organization, index: SectionIndexPage) -> SectionPage:
    section = SectionPage.objects.filter(organization=organization).first()
    if section is None:
        section = index.add_child(instance=SectionPage(
            title=organization.name, slug=organization.slug, organization=organization,
            intro=f"<p>{organization.description}</p>" if organization.description else ""))
        section.save_revision().publish()
    return section


NEW_PARAGRAPH = re.compile(r"^([IVX]+\.\s|\d+(\.\d+)*\.\s|[a-zđ]\)\s|[-+•]\s)")
ROMAN_HEADING = re.compile(r"^[IVX]+\.\s")
NUMBER_HEADING = re.compile(r"^\d+\.\s\S")


def plan_paragraphs(text: str) -> list[str]:
    """Text extracted from the signed PDF breaks lines mid-sentence; join them back into paragraphs."""
    paragraphs: list[str] = []
    closed = True
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if closed or NEW_PARAGRAPH.match(line):
            paragraphs.append(line)
        else:
            paragraphs[-1] += " " + line
        last = paragraphs[-1]
        is_heading = bool(ROMAN_HEADING.match(last) or NUMBER_HEADING.match(last)) and len(last) < 60
        closed = last.endswith((".", ":", ";")) or is_heading
    return paragraphs


def plan_html(text: str) -> str:
    from django.utils.html import escape

    parts = []
    for paragraph in plan_paragraphs(text)[1:]:
        if ROMAN_HEADING.match(paragraph) and len(paragraph) < 120:
            parts.append(f"<h2>{escape(paragraph)}</h2>")
        elif NUMBER_HEADING.match(paragraph) and len(paragraph) < 80 and not paragraph.endswith("."):
            parts.append(f"<h3>{escape(paragraph)}</h3>")
        else:
            parts.append(f"<p>{escape(paragraph)}</p>")
    return "".join(parts)


def _plan_page(section: SectionPage) -> ArticlePage | None:
    if not PLAN_FILE.is_file():
        return None
    existing = ArticlePage.objects.child_of(section).filter(slug=PLAN_SLUG).first()
    if existing:
        return existing
    page = section.add_child(instance=ArticlePage(
        title="Kế hoạch thực hiện Đề án “Chuyển đổi số trong công tác phổ biến, giáo dục pháp luật "
              "giai đoạn 2025–2030” trên địa bàn thành phố Huế",
        slug=PLAN_SLUG, kind=ArticlePage.Kind.GUIDANCE,
        summary="Kế hoạch của UBND thành phố Huế thực hiện Quyết định số 766/QĐ-TTg: mục tiêu, nhiệm vụ và "
                "trách nhiệm của các sở, ngành, xã, phường trong chuyển đổi số công tác phổ biến, giáo dục pháp luật.",
        body=[("doan_van", plan_html(PLAN_FILE.read_text(encoding="utf-8")))]))
    page.save_revision().publish()
    return page


@transaction.atomic
def build_site(*, with_plan: bool = True) -> dict:
    """Idempotent: safe to run on every `phapluat seed`."""
    from .services import sync_section_permissions

    for position, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    home = _home(_tree_root())
    index = _child(home, SectionIndexPage, "don-vi", title="Đơn vị, địa phương",
                   intro="Chuyên mục của các sở, ban, ngành và 40 xã, phường: tin tức, văn bản mới, tài liệu.")
    _child(home, MaterialIndexPage, "hoc-lieu", title="Học liệu pháp luật",
           intro="Tài liệu phổ biến pháp luật cho người dân, doanh nghiệp, trường học, báo cáo viên.")
    _child(home, DraftIndexPage, "du-thao", title="Dự thảo lấy ý kiến",
           intro="Dự thảo chính sách, văn bản đang lấy ý kiến nhân dân. Góp ý cho toàn bộ hoặc từng điều.")
    for page in (index, *home.get_children()):
        if not page.live:
            page.save_revision().publish()
    created = 0
    for organization in Organization.objects.all():
        had = SectionPage.objects.filter(organization=organization).exists()
        section_for(organization, index)
        created += not had
        sync_section_permissions(organization)
    justice = SectionPage.objects.filter(organization__kind=Organization.Kind.JUSTICE).first()
    plan = _plan_page(justice) if justice and with_plan else None
    from django.core.cache import cache

    cache.delete("editorial:index-urls")
    return {"sections_created": created, "sections": SectionPage.objects.count(), "plan": bool(plan)}
