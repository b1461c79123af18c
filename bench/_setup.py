"""Shared set-up for benchmarks: a throw-away var dir and database, migrated, before Django loads."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def fresh_django(urlconf: str | None = None) -> Path:
    """Point settings at a new temporary var dir (SQLite) unless DATABASE_URL is set, then migrate."""
    var = Path(tempfile.mkdtemp(prefix="phapluat-bench-"))
    os.environ["PHAPLUAT_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phapluat.settings")
    sys.path.insert(0, str(REPO))
    import django
    from django.conf import settings

    django.setup()
    if urlconf:
        settings.ROOT_URLCONF = urlconf
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    return var


def corpus_source() -> Path:
    """The 208-law corpus: ../shared when present, else the archive shipped in the repository."""
    folder = SHARED / "data" / "laws" / "vlc"
    return folder if folder.is_dir() else REPO / "phapluat" / "laws" / "data" / "vlc-corpus.tar.xz"
