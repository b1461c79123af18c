"""Settings for the contest load benchmark: the project's own, with rate limits raised (every simulated
participant comes from 127.0.0.1) and plain static files (no collectstatic)."""
from phapluat.settings import *  # noqa: F401,F403
from phapluat.settings import STORAGES

CONTESTS_RATE_LIMITS = {scope: (1_000_000, 60) for scope in ("register", "reentry", "start", "submit", "practice")}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "ERROR"}}
