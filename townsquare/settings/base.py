"""Townsquare settings for Django, Wagtail and the services they use, driven by environment variables.

Defaults need nothing installed (SQLite under var/, local-memory cache,
database-backed tasks). Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and HTTPS=1.
"""

import os
from pathlib import Path

import dj_database_url

from townsquare.core.environment import env_bool, env_int, env_list, secret_key
from townsquare.core.varfiles import private_dir, private_sqlite

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = private_dir(Path(os.environ.get("TOWNSQUARE_VAR_DIR", BASE_DIR / "var")))


# Off in production: DEBUG pages show settings and code.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
# Host names served (comma-separated), and origins trusted for HTTPS form posts from another host.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps come first so their templates win over Wagtail's defaults.
    "townsquare.core",
    "townsquare.units",
    "townsquare.publishing",
    "townsquare.resident_requests",
    "townsquare.disclosure_requests",
    "townsquare.services",
    "townsquare.appointments",
    "townsquare.weather",
    "townsquare.listings",
    "townsquare.search",
    "townsquare.knowledge",
    "townsquare.channels",
    "townsquare.relays",
    "townsquare.disclosure",
    "townsquare.archive",
    "townsquare.screening",
    "townsquare.oversight",
    "townsquare.privacy",
    "townsquare.subscriptions",
    "townsquare.syndication",
    "townsquare.hotspots",
    "townsquare.surveys",
    "townsquare.livelihood",
    "townsquare.consultations",
    "townsquare.visits",
    "townsquare.feedback",
    "townsquare.interviews",
    "townsquare.demo",
    "townsquare.accounts",
    "townsquare.api",
    "ninja",
    "corsheaders",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # CORS headers for the open API (/api/v1/) only, for API_CORS_ORIGINS; outside the page cache, so cached
    # answers get them too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "townsquare.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag/304 and Cache-Control for API answers the page cache does not keep (clients with cookies, cache off).
    "townsquare.api.middleware.ApiConditionalGetMiddleware",
    # Page views and daily visitors, counted in the cache (visits/counting.py); outside the page cache, so its
    # pages are counted too.
    "townsquare.visits.middleware.VisitCountingMiddleware",
    "townsquare.core.pagecache.middleware.AnonymousPageCacheMiddleware",
    "townsquare.core.sitecache.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "townsquare.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "townsquare.core.middleware.IncompleteFormMiddleware",
]

ROOT_URLCONF = "townsquare.urls"
WSGI_APPLICATION = "townsquare.wsgi.application"
# Load the URL tables, translations, templates and content types as a web process starts (wsgi.py; before fork
# under gunicorn, so the workers share them).
WEB_WARM_UP = env_bool("WEB_WARM_UP", True)

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
                "townsquare.core.context_processors.site_chrome",
                "townsquare.publishing.context_processors.page_tree_chrome",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL says otherwise (an empty one too) -------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'townsquare.sqlite3'}",
        # Seconds a connection is kept for the next request (PostgreSQL; SQLite always reconnects).
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server, the task worker and the scheduler share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        private_sqlite(DATABASES["default"]["NAME"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: local memory unless REDIS_URL is set ----------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "townsquare",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail's image renditions (which file is the 400px crop of image 7): kept in each process. Wagtail reads
# the rendition from this cache and writes it back on every {% image %}; in Redis that is two round trips per
# picture on every page built. A rendition's file never changes once made; one whose image was deleted or
# re-cropped is forgotten by that process at once and by the others within RENDITIONS_CACHE_SECONDS.
RENDITIONS_CACHE_SECONDS = env_int("RENDITIONS_CACHE_SECONDS", 600)
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": RENDITIONS_CACHE_SECONDS,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# Pages and fragments for anonymous visitors, with their dependency tags (core/pagecache): shared by
# every process — Redis in production, files under var/ for `make run` (web, worker and scheduler
# processes all invalidate it).
PAGE_CACHE_ALIAS = "pages"
if REDIS_URL:
    CACHES[PAGE_CACHE_ALIAS] = {**CACHES["default"], "KEY_PREFIX": "townsquare-pages"}
else:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(private_dir(VAR_DIR / "cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
# The day's running visit counts (visits/counting.py), shared by the web processes and the scheduler that
# stores them: Redis, or files under var/ for `make run`. Two days by default: what an increment keeps.
VISITS_CACHE_ALIAS = "visits"
if REDIS_URL:
    CACHES[VISITS_CACHE_ALIAS] = {**CACHES["default"], "KEY_PREFIX": "townsquare-visits", "TIMEOUT": 2 * 24 * 3600}
else:
    CACHES[VISITS_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(private_dir(VAR_DIR / "cache" / "visits")),
        "TIMEOUT": 2 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 100000},
    }

# --- Background tasks: stored in the database, run by `manage.py db_worker` -------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Language and time -----------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
DATETIME_FORMAT = "Y-m-d H:i"
DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
# Our own translations, first: the 简体中文 strings Wagtail's admin is missing (compiled .mo committed).
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# The embedded set-up serves uploaded media itself; behind a web server set SERVE_MEDIA=0.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Media on S3-compatible storage (django-storages) when MEDIA_S3_BUCKET is set (with MEDIA_S3_ENDPOINT_URL,
# MEDIA_S3_ACCESS_KEY, MEDIA_S3_SECRET_KEY), else in MEDIA_ROOT; plain URLs without signatures: the files are public.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
MEDIA_S3 = {key: os.environ.get(f"MEDIA_S3_{key.upper()}") for key in ("endpoint_url", "access_key", "secret_key")}
MEDIA_S3.update(bucket_name=MEDIA_S3_BUCKET, querystring_auth=False, file_overwrite=False)
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": MEDIA_S3}
    if MEDIA_S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files after `collectstatic`; in DEBUG, files straight from the apps.
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# --- Wagtail -------------------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "示范县人民政府")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
# The site's identifiers, shown in the footer and the annual report; empty: not shown (rundemo sets demo ones).
SITE_CODE = os.environ.get("SITE_CODE", "")  # 政府网站标识码
SITE_ICP_NUMBER = os.environ.get("SITE_ICP_NUMBER", "")  # ICP备案号
SITE_PSB_NUMBER = os.environ.get("SITE_PSB_NUMBER", "")  # 公安机关备案号
SITE_CONAC_URL = os.environ.get("SITE_CONAC_URL", "")  # the 党政机关网站标识's verification page (conac.cn)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps", "zip", "txt"]
# Publishing goes through the 三审 workflow; edits to a live page are reviewed again.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "townsquare.publishing.workflows.publish_after_final_review"
WAGTAILADMIN_COMMENTS_ENABLED = True
# No Gravatar: it is blocked here and staff avatars would show as broken images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Authentication ----------------------------------------------------------------
LOGIN_URL = "wagtailadmin_login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A locked user name or address is refused before its password is checked (townsquare/accounts/lockout.py).
AUTHENTICATION_BACKENDS = ["townsquare.accounts.backends.LockoutModelBackend"]
# The Wagtail admin log-in form, which says why a locked account is refused.
WAGTAILADMIN_USER_LOGIN_FORM = "townsquare.accounts.forms.LoginForm"
# Wrong passwords allowed per user name and per address before log-in is locked, and for how long (minutes).
LOGIN_MAX_FAILURES_PER_USER = env_int("LOGIN_MAX_FAILURES_PER_USER", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# On: superusers and county staff must set up and pass a TOTP code (两步验证) after the password; others may opt in.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", False)
# The issuer name shown in staff's authenticator apps.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# --- E-mail ------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "townsquare.core.mail.PrivateFileEmailBackend"
    if not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = private_dir(VAR_DIR / "mail")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "示范县政务服务平台 <noreply@example.gov.cn>")

# --- HTTPS and hardening (HTTPS=1 in production behind TLS) ---------------------------
HTTPS = env_bool("HTTPS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page in a same-origin frame, so DENY would break it;
# SAMEORIGIN still blocks framing by other sites (hence W019 is silenced on purpose).
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_HTTPONLY = True
# Paths whose pages get the relaxed Content-Security-Policy (Wagtail's admin and its previews need inline scripts).
CSP_RELAXED_PATHS = ["/admin/", "/django-admin/"]
# Behind nginx (deploy/nginx/townsquare.conf), which sets X-Forwarded-Host and -Proto: trust them.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
USE_X_FORWARDED_HOST = BEHIND_PROXY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY or HTTPS else None
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# CORS (django-cors-headers) for the open read API only: browser pages of the origins listed in the environment
# variable API_CORS_ORIGINS (scheme://host[:port], comma-separated, e.g. "https://m.example.gov.cn") may read it.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/(v1/|schema/)"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Link")
CORS_PREFLIGHT_MAX_AGE = 86400

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
