"""Reads for the public pages: only live pages, approved comments, no personal data of citizens."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from ..orgs.models import Organization
from .models import (ArticlePage, Audience, DraftComment, DraftPage, FeaturedPage, MaterialPage, OutreachActivity,
                     SectionPage)

KIND_TITLES = [
    (Organization.Kind.CITY, "Thành phố"),
    (Organization.Kind.JUSTICE, "Sở Tư pháp"),
    (Organization.Kind.DEPARTMENT, "Sở, ban, ngành"),
    (Organization.Kind.OTHER, "Cơ quan, tổ chức khác"),
    (Organization.Kind.WARD, "Phường"),
    (Organization.Kind.COMMUNE, "Xã"),
]


def sections_by_kind() -> list[tuple[str, list[SectionPage]]]:
    sections = list(SectionPage.objects.live().public().select_related("organization").order_by("title"))
    return [(title, [s for s in sections if s.organization.kind == kind]) for kind, title in KIND_TITLES
            if any(s.organization.kind == kind for s in sections)]


def section_content(section: SectionPage) -> dict:
    from ..laws.selectors import public_documents

    children = section.get_children().live().public()
    articles = list(ArticlePage.objects.child_of(section).live().public().order_by("-date", "-pk")[:60])
    groups = [(label, [a for a in articles if a.kind == kind]) for kind, label in ArticlePage.Kind.choices]
    organization = section.organization
    local_documents = public_documents().filter(
        Q(scope_organization=organization) | Q(issuer__iexact=organization.name)
    ).order_by("-issue_date")[:20]
    return {
        "article_groups": [(label, items) for label, items in groups if items],
        "materials": MaterialPage.objects.child_of(section).live().public().order_by("-first_published_at")[:20],
        "drafts": DraftPage.objects.child_of(section).live().public().order_by("-closes_at")[:10],
        "local_documents": local_documents,
        "has_content": children.exists(),
        "activity_years": outreach_report(organization=organization)[:3],
    }


@dataclass
class MaterialFilters:
    audience: str = ""
    topic: str = ""
    format: str = ""

    @classmethod
    def from_params(cls, params) -> "MaterialFilters":
        fmt = params.get("hinh-thuc", "")
        return cls(audience=params.get("doi-tuong", "")[:80], topic=params.get("linh-vuc", "")[:120],
                   format=fmt if fmt in MaterialPage.Format.values else "")

    @property
    def active(self) -> bool:
        return bool(self.audience or self.topic or self.format)


def material_list(filters: MaterialFilters):
    materials = MaterialPage.objects.live().public().select_related("topic")
    if filters.audience:
        materials = materials.filter(audiences__slug=filters.audience)
    if filters.topic:
        materials = materials.filter(topic__slug=filters.topic)
    if filters.format:
        materials = materials.filter(format=filters.format)
    return materials.distinct().order_by("-first_published_at")


def material_facets() -> dict:
    from ..laws.models import Field

    topic_ids = MaterialPage.objects.live().exclude(topic=None).values_list("topic_id", flat=True)
    return {"audiences": list(Audience.objects.all()), "formats": list(MaterialPage.Format.choices),
            "topics": list(Field.objects.filter(pk__in=topic_ids).order_by("name"))}


def open_drafts(now=None):
    now = now or timezone.now()
    return DraftPage.objects.live().public().filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def closed_drafts(now=None):
    now = now or timezone.now()
    return DraftPage.objects.live().public().filter(closes_at__lte=now).order_by("-closes_at")


def approved_comments(draft: DraftPage):
    return draft.comments.filter(state=DraftComment.State.APPROVED).select_related("article").order_by("created_at")


def pending_comments(organizations=None):
    return comments_for(organizations).filter(state=DraftComment.State.PENDING)


def comments_for(organizations=None):
    """Comments on drafts of the sections of `organizations` (None: all)."""
    comments = DraftComment.objects.select_related("draft", "article")
    if organizations is not None:
        section_paths = [s.path for s in SectionPage.objects.filter(organization__in=organizations)]
        if not section_paths:
            return comments.none()
        query = Q()
        for path in section_paths:
            query |= Q(draft__path__startswith=path)
        comments = comments.filter(query)
    return comments.order_by("created_at")


def featured_pages(today=None, limit: int = 6) -> list:
    today = today or timezone.localdate()
    rows = (FeaturedPage.objects.filter(page__live=True).filter(Q(until=None) | Q(until__gte=today))
            .select_related("page")[:limit])
    return [row.page.specific for row in rows]


def latest_materials(limit: int = 6):
    return MaterialPage.objects.live().public().order_by("-first_published_at")[:limit]


def latest_articles(limit: int = 6):
    return ArticlePage.objects.live().public().order_by("-date", "-pk")[:limit]


def commune_sections():
    return SectionPage.objects.live().public().filter(
        organization__kind__in=[Organization.Kind.WARD, Organization.Kind.COMMUNE]
    ).select_related("organization").order_by("organization__kind", "title")


def outreach_report(*, organization: Organization | None = None, year: int | None = None) -> list[dict]:
    """Per organization and year: activities, attendees, online/in-person split — the plan's indicators."""
    activities = OutreachActivity.objects.all()
    if organization is not None:
        activities = activities.filter(organization=organization)
    if year is not None:
        activities = activities.filter(date__year=year)
    rows = (activities.annotate(year=ExtractYear("date"))
            .values("organization__name", "year")
            .annotate(activities=Count("id"), attendees=Sum("attendees"),
                      online=Count("id", filter=Q(mode=OutreachActivity.Mode.ONLINE)))
            .order_by("-year", "organization__name"))
    return [dict(row, in_person=row["activities"] - row["online"]) for row in rows]


def reporter_counts(organization: Organization | None = None) -> dict:
    from .models import LegalReporter

    reporters = LegalReporter.objects.filter(active=True)
    if organization is not None:
        reporters = reporters.filter(organization=organization)
    return {row["kind"]: row["n"] for row in reporters.values("kind").annotate(n=Count("id"))}


def index_urls() -> dict:
    """URLs of the three index pages for the site navigation (cached; the tree rarely changes)."""
    from django.core.cache import cache

    from .models import DraftIndexPage, MaterialIndexPage, SectionIndexPage

    urls = cache.get("editorial:index-urls")
    if urls is None:
        urls = {}
        for key, model in (("sections", SectionIndexPage), ("materials", MaterialIndexPage),
                           ("drafts", DraftIndexPage)):
            page = model.objects.live().first()
            urls[key] = page.url if page else ""
        cache.set("editorial:index-urls", urls, 300)  # build_site() clears it
    return urls
