"""Loading the province's organizations: departments named in the plan and the communes and wards."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from ..core.text import vn_slugify
from .models import Organization

DATA_DIR = Path(__file__).resolve().parent / "data"
DEPARTMENTS_CSV = DATA_DIR / "hue-organizations.csv"
COMMUNES_CSV = DATA_DIR / "hue-2025-communes.csv"
LOCAL_KINDS = {"phường": Organization.Kind.WARD, "xã": Organization.Kind.COMMUNE}


def _upsert(slug: str, **fields) -> bool:
    _, created = Organization.objects.update_or_create(slug=slug, defaults=fields)
    return created


@transaction.atomic
def load_departments(path: Path = DEPARTMENTS_CSV) -> int:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return sum(
        _upsert(row["slug"], name=row["name"], kind=row["kind"], description=row["description"]) for row in rows
    )


@transaction.atomic
def load_communes(path: Path = COMMUNES_CSV) -> int:
    """The 40 communes and wards after the 2025 reform (phường = urban, xã = rural)."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    created = 0
    for row in rows:
        kind = LOCAL_KINDS.get(row["division_type"].strip().lower())
        if kind is None:
            raise ValueError(f"Loại đơn vị hành chính không rõ: {row['division_type']!r} ({row['ward_name']})")
        created += _upsert(
            vn_slugify(row["ward_name"]), name=row["ward_name"], kind=kind, code=row["ward_code"],
            population=int(row["population"]) if row["population"] else None,
            area_km2=Decimal(row["area_km2"]) if row["area_km2"] else None,
            admin_center=row["admin_center"], merged_from=row["merged_from"],
        )
    return created


def load_all() -> int:
    return load_departments() + load_communes()


def _group_for(kind: str, role: str, permissions: list[str]):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=f"{Organization.Kind(kind).label} – {role}")
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


@transaction.atomic
def grant_role(*, user, organization: Organization, role: str):
    """Give `user` a role in `organization`, with access to the editorial interface."""
    from .models import Membership
    from .permissions import ADMIN_ACCESS, MODEL_PERMISSIONS_BY_ROLE

    membership, _ = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    permissions = [ADMIN_ACCESS, *MODEL_PERMISSIONS_BY_ROLE.get((organization.kind, role), [])]
    user.groups.add(_group_for(organization.kind, role, permissions))
    from ..editorial.services import sync_section_permissions

    sync_section_permissions(organization)
    return membership
