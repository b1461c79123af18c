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


STAFF_GROUP = "Cán bộ cơ quan, đơn vị"


@transaction.atomic
def grant_role(*, user, organization: Organization, role: str):
    """Give `user` a role in `organization`, with access to the editorial interface."""
    from django.contrib.auth.models import Group, Permission

    from .models import Membership

    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(group)
    membership, _ = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    return membership
