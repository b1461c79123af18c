"""Settings read from environment variables.

Embedded defaults (SQLite in WAL mode, local-memory cache, files under ./var/) let one machine run
everything; production sets DATABASE_URL, REDIS_URL and friends.
"""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PHAPLUAT_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    # Embedded default: a per-installation key kept under var/, never committed.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        key_file.write_text(get_random_secret_key())
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "phapluat.core",
    "phapluat.orgs",
    "phapluat.laws",
    "phapluat.search",
    "phapluat.portal",
    "phapluat.qa",
    "phapluat.contests",
    "phapluat.learning",
    "phapluat.assistant",
    "phapluat.editorial",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "phapluat.urls"
WSGI_APPLICATION = "phapluat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "phapluat.portal.context_processors.portal",
            ],
        },
    },
]

SQLITE_PATH = VAR_DIR / "phapluat.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the one writer work side by side; IMMEDIATE avoids
        # "database is locked" upgrades from read to write inside a transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Vietnamese whatever the browser asks for (no LocaleMiddleware): officials' and citizens' phones are often set
# to English. An editor may still choose English for the Wagtail admin in their account settings.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "phapluat.orgs.forms.OfficialLoginForm"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "phapluat" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("PHAPLUAT_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PHAPLUAT_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# Uploads: the importer enforces its own limit; this bounds what Django buffers in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Where a reader checks a document the library cannot vouch for: the national database of legal documents.
PHAPLUAT_OFFICIAL_DATABASE_URL = os.environ.get(
    "PHAPLUAT_OFFICIAL_DATABASE_URL", "https://vbpl.vn/pages/vbpq-timkiem.aspx?type=0&s=1&Keyword={number}")
PHAPLUAT_MAX_IMPORT_BYTES = int(os.environ.get("PHAPLUAT_MAX_IMPORT_MB", "20")) * 1024 * 1024

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Pháp luật Huế <no-reply@phapluat.local>")
LOGIN_URL = "/quan-tri/login/"

# Q&A: reports that hide an item pending moderation, days to answer, attachment limit, how long
# citizens' contact details are kept after a question is finished (then purged by qa_purge_contacts).
PHAPLUAT_QA_REPORTS_TO_HIDE = int(os.environ.get("PHAPLUAT_QA_REPORTS_TO_HIDE", "3"))
PHAPLUAT_QA_ANSWER_DAYS = int(os.environ.get("PHAPLUAT_QA_ANSWER_DAYS", "15"))
PHAPLUAT_QA_MAX_ATTACHMENT_BYTES = int(os.environ.get("PHAPLUAT_QA_MAX_ATTACHMENT_MB", "10")) * 1024 * 1024
PHAPLUAT_QA_CONTACT_RETENTION_DAYS = int(os.environ.get("PHAPLUAT_QA_CONTACT_RETENTION_DAYS", "365"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "phapluat.portal.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("DJANGO_SECURE", False):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

WAGTAIL_SITE_NAME = "Pháp luật Huế"
WAGTAILADMIN_BASE_URL = os.environ.get("PHAPLUAT_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "txt", "xlsx", "odt", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "vtt"]

# The legal assistant: the extractive provider needs nothing; "openai" plugs in any
# OpenAI-compatible chat-completions endpoint (a ministry's assistant, a local model server).
PHAPLUAT_ASSISTANT = {
    "provider": os.environ.get("PHAPLUAT_ASSISTANT_PROVIDER", "extractive"),
    "url": os.environ.get("PHAPLUAT_ASSISTANT_URL", ""),
    "api_key": os.environ.get("PHAPLUAT_ASSISTANT_API_KEY", ""),
    "model": os.environ.get("PHAPLUAT_ASSISTANT_MODEL", ""),
    "timeout": float(os.environ.get("PHAPLUAT_ASSISTANT_TIMEOUT", "8")),
}

# Which province this installation serves; the default configuration is Huế.
PHAPLUAT_PROVINCE = {
    "code": "46",
    "name": "Thành phố Huế",
    "short_name": "Huế",
    "justice_department": "Sở Tư pháp thành phố Huế",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
