"""Townsquare settings: one module, driven by environment variables.

Defaults need nothing installed (SQLite under var/, local-memory cache,
database-backed tasks). Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and HTTPS=1.
"""

import json
import os
from pathlib import Path

import dj_database_url

from townsquare.core.environment import env_bool, env_float, env_int, env_list, secret_key
from townsquare.core.varfiles import private_dir, private_sqlite

BASE_DIR = Path(__file__).resolve().parent.parent
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
    "townsquare.channels",
    "townsquare.archive",
    "townsquare.oversight",
    "townsquare.privacy",
    "townsquare.demo",
    "townsquare.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
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
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "townsquare.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "townsquare.core.pagecache.middleware.AnonymousPageCacheMiddleware",
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

# --- Database: SQLite under var/ unless DATABASE_URL says otherwise -------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'townsquare.sqlite3'}",
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Townsquare rules (see ../shared/design/rules.md), grouped by app ------------------
# Each is defined here once with its default; apps read it as settings.NAME.

# Core: how often the scheduler wakes up (seconds).
SCHEDULER_TICK_SECONDS = env_int("SCHEDULER_TICK_SECONDS", 30)
# Core: working days end at this local time; deadlines fall then (HH:MM).
WORKDAY_ENDS_AT = os.environ.get("WORKDAY_ENDS_AT", "17:30")
# Core: elderly mode (长辈版) remembers its choice in this cookie, for a year (seconds).
ELDER_MODE_COOKIE = "elder"
ELDER_MODE_COOKIE_AGE = 365 * 24 * 3600
# Core: behind a proxy that sets the client address in a header, its META name (e.g. "HTTP_X_REAL_IP");
# the public forms' abuse limits (core/ratelimit.py) count per address.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# Core: anonymous pages are kept in the page cache at most this many seconds (0: no whole pages); they
# are dropped at once when something they show changes, and at local midnight.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Core: how long nginx in front may serve a page without asking (X-Accel-Expires): publish-to-visible.
PAGE_CACHE_PROXY_SECONDS = env_int("PAGE_CACHE_PROXY_SECONDS", 2)
# Core: paths never kept in the page cache (the admin, downloads, search — each search is logged, the APIs).
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/django-admin/", "/documents/", "/search/", "/api/", "/open311/", "/elder/"]
# Core: also invalidate at once inside a transaction, not only when it commits (tests never commit).
PAGE_CACHE_EAGER_INVALIDATION = env_bool("PAGE_CACHE_EAGER_INVALIDATION", False)
# Core: where `manage.py backup` writes its archives unless told otherwise (--output).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
# Privacy (个人信息保护法): residents' names, contacts and ID numbers in closed cases (requests, bookings,
# listings) are anonymised this many days after the case closes (3 years); answers and statistics stay.
PERSONAL_DATA_RETENTION_DAYS = env_int("PERSONAL_DATA_RETENTION_DAYS", 3 * 365)
# Privacy (网络安全法 art. 21): staff logs (who read which resident's contacts) are kept at least this many days.
STAFF_LOG_RETENTION_DAYS = env_int("STAFF_LOG_RETENTION_DAYS", 183)
# Publishing: publicity (公示) period in days when an editor leaves the end empty.
PUBLICITY_DEFAULT_DAYS = env_int("PUBLICITY_DEFAULT_DAYS", 7)
# Publishing and oversight: a list whose newest item is older than this many days is not kept up
# (首页不更新: 2 weeks, a 单项否决 item of the national inspection).
STALE_LIST_DAYS = env_int("STALE_LIST_DAYS", 14)
# Publishing: titles longer than this (characters) get an editor warning (brief: titles under ~28 characters).
TITLE_ADVISED_MAX_CHARS = env_int("TITLE_ADVISED_MAX_CHARS", 28)
# Residents' requests (接诉即办). Working days; local defaults from Guangdong 2022 / Shandong 2020.
REQUEST_ACCEPT_WORKING_DAYS = env_int("REQUEST_ACCEPT_WORKING_DAYS", 1)
REQUEST_ANSWER_WORKING_DAYS = {
    "consult": env_int("REQUEST_CONSULT_WORKING_DAYS", 2),
    "suggest": env_int("REQUEST_SUGGEST_WORKING_DAYS", 10),
    "help": env_int("REQUEST_HELP_WORKING_DAYS", 10),
    "complain": env_int("REQUEST_COMPLAIN_WORKING_DAYS", 15),
    "report": env_int("REQUEST_REPORT_WORKING_DAYS", 15),
}
# A wrongly assigned request goes back within this many working days of arriving at a unit.
REQUEST_RETURN_WITHIN_WORKING_DAYS = env_int("REQUEST_RETURN_WITHIN_WORKING_DAYS", 2)
# An extension adds at most this many working days.
REQUEST_EXTENSION_MAX_WORKING_DAYS = env_int("REQUEST_EXTENSION_MAX_WORKING_DAYS", 10)
# Reminders go out this many working days before the answer is due.
REQUEST_REMIND_WORKING_DAYS = env_int("REQUEST_REMIND_WORKING_DAYS", 1)
# Abuse limits for the public form: submissions per address per hour, per phone/e-mail per day.
REQUEST_RATE_LIMIT_PER_IP_HOUR = env_int("REQUEST_RATE_LIMIT_PER_IP_HOUR", 10)
REQUEST_RATE_LIMIT_PER_CONTACT_DAY = env_int("REQUEST_RATE_LIMIT_PER_CONTACT_DAY", 5)
# Wrong tracking-number/password guesses allowed per address and per tracking number per hour.
REQUEST_QUERY_FAILURES_PER_IP_HOUR = env_int("REQUEST_QUERY_FAILURES_PER_IP_HOUR", 20)
REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR = env_int("REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR", 5)
# Open311 submissions per API key per hour (a key ships inside an app, so it can be extracted).
OPEN311_RATE_LIMIT_PER_KEY_HOUR = env_int("OPEN311_RATE_LIMIT_PER_KEY_HOUR", 200)
# Open311 submissions per address per hour (per phone/e-mail: REQUEST_RATE_LIMIT_PER_CONTACT_DAY, shared with the web).
OPEN311_RATE_LIMIT_PER_IP_HOUR = env_int("OPEN311_RATE_LIMIT_PER_IP_HOUR", 10)
# Open311 lists (GET requests.json/.xml): requests per page; further pages with ?page=2, 3… (Link: rel="next").
OPEN311_PAGE_SIZE = env_int("OPEN311_PAGE_SIZE", 100)
# The query password is shown again on the "done" page for this many minutes (refresh-safe).
REQUEST_PASSWORD_SHOW_MINUTES = env_int("REQUEST_PASSWORD_SHOW_MINUTES", 30)
# Photos: how many, how large (bytes), longest side kept (px), largest decoded image (pixels).
REQUEST_PHOTO_MAX_COUNT = env_int("REQUEST_PHOTO_MAX_COUNT", 3)
REQUEST_PHOTO_MAX_BYTES = env_int("REQUEST_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
REQUEST_PHOTO_MAX_SIDE = env_int("REQUEST_PHOTO_MAX_SIDE", 2560)
REQUEST_PHOTO_MAX_PIXELS = env_int("REQUEST_PHOTO_MAX_PIXELS", 40000000)
# Statistics (/liuyan/stats/) stay cached at most this many seconds; changes and passing deadlines expire them sooner.
REQUEST_STATS_CACHE_SECONDS = env_int("REQUEST_STATS_CACHE_SECONDS", 600)
# Public list page size (answered requests per page).
REQUEST_PUBLIC_PAGE_SIZE = env_int("REQUEST_PUBLIC_PAGE_SIZE", 20)
# Phone numbers that are never masked in public text (hotlines, emergency numbers, units' own numbers are added).
REQUEST_PUBLIC_NUMBERS = env_list("REQUEST_PUBLIC_NUMBERS", "12345,110,119,120,122")
# 我为政府网站找错 (/zhaocuo/) files a 留言 under the category with this code.
REQUEST_CORRECTION_CATEGORY = os.environ.get("REQUEST_CORRECTION_CATEGORY", "jiucuo")
# 依申请公开 (条例 2019), working days: answer (art. 33), one extension at most (art. 33), 补正 request (art. 30),
# third party (art. 32, not counted), reminders that many days before. Uploads, rate limits: the REQUEST_* ones.
DISCLOSURE_ANSWER_WORKING_DAYS = env_int("DISCLOSURE_ANSWER_WORKING_DAYS", 20)
DISCLOSURE_EXTENSION_MAX_WORKING_DAYS = env_int("DISCLOSURE_EXTENSION_MAX_WORKING_DAYS", 20)
DISCLOSURE_CORRECTION_REQUEST_WORKING_DAYS = env_int("DISCLOSURE_CORRECTION_REQUEST_WORKING_DAYS", 7)
DISCLOSURE_THIRD_PARTY_WORKING_DAYS = env_int("DISCLOSURE_THIRD_PARTY_WORKING_DAYS", 15)
DISCLOSURE_REMIND_WORKING_DAYS = env_int("DISCLOSURE_REMIND_WORKING_DAYS", 3)
# Residents' files (photos, proofs of identity, 告知书) outside MEDIA_ROOT (core.privatefiles); our user only.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
PRIVATE_FILE_PERMISSIONS = 0o600
PRIVATE_DIRECTORY_PERMISSIONS = 0o700
# A form sent after its page sat open too long: 我要留言 comes back with everything typed, elsewhere a Chinese 403.
CSRF_FAILURE_VIEW = "townsquare.resident_requests.views.csrf_failure"
# Smart routing (智能分拨): the trained model, built by `manage.py train_routing`, never committed.
ROUTING_MODEL_PATH = Path(os.environ.get("ROUTING_MODEL_PATH", VAR_DIR / "routing" / "model.joblib"))
# Load jieba's dictionary and the routing model when a web process starts (wsgi.py), not on the first submission.
ROUTING_WARM_UP = env_bool("ROUTING_WARM_UP", True)
# Routing suggestion shown from this confidence (else the top two if together above); see routing_eval.py --calibrate.
ROUTING_SUGGEST_MIN_CONFIDENCE = env_float("ROUTING_SUGGEST_MIN_CONFIDENCE", 0.75)
# The shared data sets folder (routing training data, Open311 schemas), outside the repository.
DATASETS_DIR = Path(os.environ.get("TOWNSQUARE_DATASETS") or BASE_DIR.parent / "shared" / "datasets")
# Weather (天气): provider, key and API host; fetched every WEATHER_FETCH_MINUTES by the scheduler.
# Without WEATHER_API_KEY nothing is fetched and the page says weather is not connected yet.
WEATHER_PROVIDER = os.environ.get("WEATHER_PROVIDER", "qweather")
WEATHER_API_KEY = os.environ.get("WEATHER_API_KEY", "")
# QWeather gives each account its own API host (控制台-设置); the old shared host is the default.
WEATHER_BASE_URL = os.environ.get("WEATHER_BASE_URL", "https://devapi.qweather.com")
# How often the scheduler fetches (minutes), and how long one request to the provider may take (seconds).
WEATHER_FETCH_MINUTES = env_int("WEATHER_FETCH_MINUTES", 30)
WEATHER_TIMEOUT_SECONDS = env_float("WEATHER_TIMEOUT_SECONDS", 8)
# Data older than this (minutes) is shown with its time and a note that it is not current.
WEATHER_STALE_MINUTES = env_int("WEATHER_STALE_MINUTES", 180)
# How long the home page keeps the weather summary (banner, tile) in the cache (seconds).
WEATHER_CACHE_SECONDS = env_int("WEATHER_CACHE_SECONDS", 300)
# Appointments (预约办理). A phone number may book one service this many times a day (against hoarding).
APPOINTMENT_MAX_PER_PHONE_PER_DAY = env_int("APPOINTMENT_MAX_PER_PHONE_PER_DAY", 1)
# How many days ahead a new service may be booked (each service can change it), and the least notice (minutes).
APPOINTMENT_DAYS_AHEAD = env_int("APPOINTMENT_DAYS_AHEAD", 14)
APPOINTMENT_MIN_NOTICE_MINUTES = env_int("APPOINTMENT_MIN_NOTICE_MINUTES", 30)
# Wrong booking-code/phone-tail lookups allowed per address and per code per hour; new bookings per address per hour.
APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR = env_int("APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR", 20)
APPOINTMENT_LOOKUP_FAILURES_PER_CODE_HOUR = env_int("APPOINTMENT_LOOKUP_FAILURES_PER_CODE_HOUR", 5)
APPOINTMENT_BOOKINGS_PER_IP_HOUR = env_int("APPOINTMENT_BOOKINGS_PER_IP_HOUR", 30)
# One-time e-mail lookup codes: minutes valid; codes sent per booking and per e-mail address per hour.
APPOINTMENT_EMAIL_CODE_MINUTES = env_int("APPOINTMENT_EMAIL_CODE_MINUTES", 10)
APPOINTMENT_EMAIL_CODES_PER_HOUR = env_int("APPOINTMENT_EMAIL_CODES_PER_HOUR", 3)
# SQLite only: attempts when the database is locked before the resident is asked to send again.
APPOINTMENT_BUSY_RETRIES = env_int("APPOINTMENT_BUSY_RETRIES", 3)
# Scheduled jobs: how often slots are generated ahead, and how often due reminders go out (minutes).
APPOINTMENT_SLOTS_EVERY_MINUTES = env_int("APPOINTMENT_SLOTS_EVERY_MINUTES", 60)
APPOINTMENT_REMINDERS_EVERY_MINUTES = env_int("APPOINTMENT_REMINDERS_EVERY_MINUTES", 30)
# Life-service listings (生活服务: 招聘、租房、教育、交通、文旅、消费).
# Days a listing stays up when it has no date of its own, and days one renewal adds.
LISTINGS_DEFAULT_DAYS = env_int("LISTINGS_DEFAULT_DAYS", 30)
LISTINGS_RENEW_DAYS = env_int("LISTINGS_RENEW_DAYS", 30)
# Public submissions per address per hour; contact reveals per address per hour; reports per address per day.
LISTINGS_SUBMITS_PER_IP_HOUR = env_int("LISTINGS_SUBMITS_PER_IP_HOUR", 5)
LISTINGS_CONTACT_REVEALS_PER_IP_HOUR = env_int("LISTINGS_CONTACT_REVEALS_PER_IP_HOUR", 20)
LISTINGS_REPORTS_PER_IP_DAY = env_int("LISTINGS_REPORTS_PER_IP_DAY", 10)
# Wrong management codes per address per hour; wrong e-mail codes per listing.
LISTINGS_CODE_FAILURES_PER_IP_HOUR = env_int("LISTINGS_CODE_FAILURES_PER_IP_HOUR", 10)
LISTINGS_VERIFY_MAX_ATTEMPTS = env_int("LISTINGS_VERIFY_MAX_ATTEMPTS", 5)
# Rental photos: how many per listing (size and pixel limits are the REQUEST_PHOTO_* settings).
LISTINGS_PHOTO_MAX_COUNT = env_int("LISTINGS_PHOTO_MAX_COUNT", 6)
# List page size; how long the home tiles keep their summary in the cache (seconds).
LISTINGS_PAGE_SIZE = env_int("LISTINGS_PAGE_SIZE", 20)
LISTINGS_HOME_CACHE_SECONDS = env_int("LISTINGS_HOME_CACHE_SECONDS", 60)

# 办事指南: a guide neither checked (核对日期) nor republished for this many days is flagged 长期未核对.
# One year: fees, materials and windows mostly change with the yearly budget and the yearly review of
# the county's service list, so every guide should be checked against practice at least once a year.
SERVICE_GUIDE_STALE_DAYS = env_int("SERVICE_GUIDE_STALE_DAYS", 365)
# Guides per page in the finder (/banshi/) and a unit's 办事指南 column.
SERVICE_GUIDE_PAGE_SIZE = env_int("SERVICE_GUIDE_PAGE_SIZE", 20)

# Site search (搜索). Results per page and the deepest page served; longest query kept (characters);
# body text indexed per item (characters); snippet length (characters).
SEARCH_PAGE_SIZE = env_int("SEARCH_PAGE_SIZE", 10)
SEARCH_MAX_PAGE = env_int("SEARCH_MAX_PAGE", 50)
SEARCH_QUERY_MAX_CHARS = env_int("SEARCH_QUERY_MAX_CHARS", 80)
SEARCH_BODY_MAX_CHARS = env_int("SEARCH_BODY_MAX_CHARS", 20000)
SEARCH_SNIPPET_CHARS = env_int("SEARCH_SNIPPET_CHARS", 120)
# Search: load jieba's dictionary and pypinyin's tables as a web process starts (wsgi.py; before fork under gunicorn).
SEARCH_WARM_UP = env_bool("SEARCH_WARM_UP", True)
# Ranking: a title match weighs this many times a body match; a new item scores up to (1 + freshness
# weight), the bonus halving every half-life; authority per kind of content and per validity of a
# policy (JSON objects) multiply the text score.
SEARCH_TITLE_WEIGHT = env_float("SEARCH_TITLE_WEIGHT", 8.0)
SEARCH_FRESHNESS_WEIGHT = env_float("SEARCH_FRESHNESS_WEIGHT", 0.3)
SEARCH_FRESHNESS_HALF_LIFE_DAYS = env_int("SEARCH_FRESHNESS_HALF_LIFE_DAYS", 365)
SEARCH_KIND_BOOSTS = json.loads(
    os.environ.get(
        "SEARCH_KIND_BOOSTS",
        '{"policy": 1.2, "guide": 1.2, "interpretation": 1.1, "notice": 1.0, "publicity": 1.0, "topic": 1.0,'
        ' "listing": 0.9, "news": 0.9, "request": 0.8, "archive": 0.7}',
    )
)
SEARCH_VALIDITY_BOOSTS = json.loads(
    os.environ.get("SEARCH_VALIDITY_BOOSTS", '{"valid": 1.0, "revised": 0.6, "repealed": 0.35}')
)
# Words tried for one pinyin or initials word; suggestions shown while typing.
SEARCH_PINYIN_CANDIDATES = env_int("SEARCH_PINYIN_CANDIDATES", 4)
SEARCH_SUGGESTIONS = env_int("SEARCH_SUGGESTIONS", 8)
# Another resident's query is offered (suggestion, "did you mean") only once it was searched this often
# in the report window: one person's typo, or a name they typed, is never shown to others.
SEARCH_SUGGEST_MIN_SEARCHES = env_int("SEARCH_SUGGEST_MIN_SEARCHES", 3)
# ...and from this many different addresses, on this many different days: a few searches from one
# machine cannot put an advertisement into everyone's suggestions.
SEARCH_SUGGEST_MIN_ADDRESSES = env_int("SEARCH_SUGGEST_MIN_ADDRESSES", 3)
SEARCH_SUGGEST_MIN_DAYS = env_int("SEARCH_SUGGEST_MIN_DAYS", 2)
# 热词 / 无结果词 report: days looked back and rows shown.
SEARCH_REPORT_DAYS = env_int("SEARCH_REPORT_DAYS", 30)
SEARCH_REPORT_ROWS = env_int("SEARCH_REPORT_ROWS", 50)
# The query log is buffered off the request path (a Redis list, else per process) and written in bulk
# once this many searches wait, or this many seconds after the oldest (and every minute by the scheduler).
SEARCH_LOG_FLUSH_SIZE = env_int("SEARCH_LOG_FLUSH_SIZE", 50)
SEARCH_LOG_FLUSH_SECONDS = env_int("SEARCH_LOG_FLUSH_SECONDS", 60)
# How often (seconds) a process checks whether another one changed the search dictionary or synonyms.
SEARCH_DICT_CHECK_SECONDS = env_int("SEARCH_DICT_CHECK_SECONDS", 10)

# Channels (渠道与账号): an external account active but not updated for more than this many days is a 僵尸账号
# (2023 national notice: two weeks without publishing is a problem).
CHANNEL_ZOMBIE_DAYS = env_int("CHANNEL_ZOMBIE_DAYS", 14)

# Archive import (公众号归档并入平台): limits on what one import may contain.
# Largest single article/feed/table file (bytes); larger ones fail with their reason.
ARCHIVE_MAX_FILE_BYTES = env_int("ARCHIVE_MAX_FILE_BYTES", 20 * 1024 * 1024)
# Largest image kept from an article's _files folder (bytes) and largest decoded image (pixels).
ARCHIVE_MAX_IMAGE_BYTES = env_int("ARCHIVE_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
ARCHIVE_MAX_IMAGE_PIXELS = env_int("ARCHIVE_MAX_IMAGE_PIXELS", 40000000)
# A zip: total uncompressed bytes, number of entries, and the largest compression ratio (zip bombs).
ARCHIVE_MAX_ZIP_BYTES = env_int("ARCHIVE_MAX_ZIP_BYTES", 1024 * 1024 * 1024)
ARCHIVE_MAX_ZIP_ENTRIES = env_int("ARCHIVE_MAX_ZIP_ENTRIES", 20000)
ARCHIVE_MAX_ZIP_RATIO = env_int("ARCHIVE_MAX_ZIP_RATIO", 100)
# Imported items are committed together, at most this many or after this many seconds (each item stays whole).
ARCHIVE_BATCH_ITEMS = env_int("ARCHIVE_BATCH_ITEMS", 25)
ARCHIVE_BATCH_SECONDS = env_float("ARCHIVE_BATCH_SECONDS", 1.0)
# Largest upload through the admin form (bytes), and where uploads wait for the background import.
ARCHIVE_MAX_UPLOAD_BYTES = env_int("ARCHIVE_MAX_UPLOAD_BYTES", 512 * 1024 * 1024)
ARCHIVE_UPLOAD_DIR = Path(os.environ.get("ARCHIVE_UPLOAD_DIR", VAR_DIR / "archive-uploads"))
# An import whose progress has not moved for this many minutes was killed: it is marked failed.
ARCHIVE_STALE_RUN_MINUTES = env_int("ARCHIVE_STALE_RUN_MINUTES", 30)

# Oversight (监管): the inspection indicators for government websites (国办秘函〔2019〕19号) as daily checks.
# 单项否决 (veto): the home page without anything new for STALE_LIST_DAYS days, a news/dynamics section
# for this many days.
OVERSIGHT_NEWS_STALE_DAYS = env_int("OVERSIGHT_NEWS_STALE_DAYS", 14)
# Notice and policy sections not updated for this many days (6 months); this many of them is a veto.
OVERSIGHT_NOTICE_STALE_DAYS = env_int("OVERSIGHT_NOTICE_STALE_DAYS", 183)
OVERSIGHT_STALE_NOTICE_SECTIONS_VETO = env_int("OVERSIGHT_STALE_NOTICE_SECTIONS_VETO", 5)
# Other sections that should update (公示, 政策解读) count as "long not updated" after this many days;
# this many sections that should update and have not (each by its own kind's limit) is a veto.
OVERSIGHT_LONG_STALE_DAYS = env_int("OVERSIGHT_LONG_STALE_DAYS", 365)
OVERSIGHT_STALE_SECTIONS_VETO = env_int("OVERSIGHT_STALE_SECTIONS_VETO", 10)
# This many empty sections is a veto.
OVERSIGHT_EMPTY_SECTIONS_VETO = env_int("OVERSIGHT_EMPTY_SECTIONS_VETO", 5)
# A valid message received within the last OVERSIGHT_REQUEST_LOOKBACK_DAYS left unanswered longer than this.
OVERSIGHT_UNANSWERED_DAYS = env_int("OVERSIGHT_UNANSWERED_DAYS", 90)
OVERSIGHT_REQUEST_LOOKBACK_DAYS = env_int("OVERSIGHT_REQUEST_LOOKBACK_DAYS", 365)
# Scoring: 100 points less deductions; below this fails (as does any veto item).
OVERSIGHT_PASS_SCORE = env_int("OVERSIGHT_PASS_SCORE", 60)
# 扣分: points per item, and the most one kind of item can cost (point values are not national figures).
OVERSIGHT_POINTS_STALE_SECTION = env_float("OVERSIGHT_POINTS_STALE_SECTION", 2)
OVERSIGHT_CAP_STALE_SECTIONS = env_float("OVERSIGHT_CAP_STALE_SECTIONS", 20)
OVERSIGHT_POINTS_EMPTY_SECTION = env_float("OVERSIGHT_POINTS_EMPTY_SECTION", 2)
OVERSIGHT_CAP_EMPTY_SECTIONS = env_float("OVERSIGHT_CAP_EMPTY_SECTIONS", 10)
OVERSIGHT_POINTS_SLOW_ANSWER = env_float("OVERSIGHT_POINTS_SLOW_ANSWER", 1)
OVERSIGHT_CAP_SLOW_ANSWERS = env_float("OVERSIGHT_CAP_SLOW_ANSWERS", 15)
OVERSIGHT_POINTS_BROKEN_LINK = env_float("OVERSIGHT_POINTS_BROKEN_LINK", 1)
OVERSIGHT_CAP_BROKEN_LINKS = env_float("OVERSIGHT_CAP_BROKEN_LINKS", 10)
OVERSIGHT_POINTS_MISSING_ALT = env_float("OVERSIGHT_POINTS_MISSING_ALT", 1)
OVERSIGHT_CAP_MISSING_ALT = env_float("OVERSIGHT_CAP_MISSING_ALT", 5)
OVERSIGHT_POINTS_POLICY_SUMMARY = env_float("OVERSIGHT_POINTS_POLICY_SUMMARY", 1)
OVERSIGHT_CAP_POLICY_SUMMARY = env_float("OVERSIGHT_CAP_POLICY_SUMMARY", 5)
OVERSIGHT_POINTS_UNLINKED_INTERPRETATION = env_float("OVERSIGHT_POINTS_UNLINKED_INTERPRETATION", 2)
OVERSIGHT_CAP_UNLINKED_INTERPRETATION = env_float("OVERSIGHT_CAP_UNLINKED_INTERPRETATION", 10)
OVERSIGHT_POINTS_FORGED_DATE = env_float("OVERSIGHT_POINTS_FORGED_DATE", 5)
OVERSIGHT_CAP_FORGED_DATE = env_float("OVERSIGHT_CAP_FORGED_DATE", 20)
OVERSIGHT_POINTS_ZOMBIE = env_float("OVERSIGHT_POINTS_ZOMBIE", 2)
OVERSIGHT_CAP_ZOMBIE = env_float("OVERSIGHT_CAP_ZOMBIE", 10)
# rules.md lists forged publishing dates and (in provincial inspections) zombie accounts as veto items;
# set these to 1 to score them so. A page first published more than this many hours before its first draft is "forged".
OVERSIGHT_FORGED_DATE_VETO = env_bool("OVERSIGHT_FORGED_DATE_VETO", False)
OVERSIGHT_ZOMBIE_VETO = env_bool("OVERSIGHT_ZOMBIE_VETO", False)
OVERSIGHT_FORGED_DATE_TOLERANCE_HOURS = env_int("OVERSIGHT_FORGED_DATE_TOLERANCE_HOURS", 24)
# Link checker: seconds per external request, links per run, per host per run, pause between two on one host,
# days before an OK link (and a broken one) is checked again.
OVERSIGHT_LINK_TIMEOUT_SECONDS = env_float("OVERSIGHT_LINK_TIMEOUT_SECONDS", 5)
OVERSIGHT_LINK_MAX_PER_RUN = env_int("OVERSIGHT_LINK_MAX_PER_RUN", 200)
OVERSIGHT_LINK_MAX_PER_HOST = env_int("OVERSIGHT_LINK_MAX_PER_HOST", 10)
OVERSIGHT_LINK_HOST_DELAY_SECONDS = env_float("OVERSIGHT_LINK_HOST_DELAY_SECONDS", 2)
OVERSIGHT_LINK_RECHECK_DAYS = env_int("OVERSIGHT_LINK_RECHECK_DAYS", 7)
OVERSIGHT_LINK_BROKEN_RECHECK_DAYS = env_int("OVERSIGHT_LINK_BROKEN_RECHECK_DAYS", 1)
# Plain-language advice (说人话): titles and sentences longer than this; pages edited within this many days;
# at most this many advice items per unit on the dashboard; stock phrases (comma-separated; empty: built-in list).
OVERSIGHT_TITLE_MAX_CHARS = env_int("OVERSIGHT_TITLE_MAX_CHARS", TITLE_ADVISED_MAX_CHARS)
OVERSIGHT_SENTENCE_MAX_CHARS = env_int("OVERSIGHT_SENTENCE_MAX_CHARS", 60)
OVERSIGHT_PLAIN_LANGUAGE_DAYS = env_int("OVERSIGHT_PLAIN_LANGUAGE_DAYS", 30)
OVERSIGHT_ADVICE_PER_UNIT = env_int("OVERSIGHT_ADVICE_PER_UNIT", 20)
OVERSIGHT_STOCK_PHRASES = env_list("OVERSIGHT_STOCK_PHRASES")
# The dashboard's trend chart covers this many weeks.
OVERSIGHT_TREND_WEEKS = env_int("OVERSIGHT_TREND_WEEKS", 26)
# Availability (站点无法访问, a veto): the probe opens the pages CHECKS_PER_DAY times a day (a day under MIN_CHECKS
# reads 监测次数不足); a page not loaded within TIMEOUT_SECONDS, unreachable or 5xx fails the check; failed checks
# reaching FAILURE_SHARE of those in WINDOW_DAYS days is a veto. Checks are kept RETENTION_DAYS (for a yearly report).
AVAILABILITY_MIN_CHECKS_PER_DAY = env_int("AVAILABILITY_MIN_CHECKS_PER_DAY", 20)
AVAILABILITY_CHECKS_PER_DAY = max(AVAILABILITY_MIN_CHECKS_PER_DAY, env_int("AVAILABILITY_CHECKS_PER_DAY", 24))
AVAILABILITY_TIMEOUT_SECONDS = env_float("AVAILABILITY_TIMEOUT_SECONDS", 15)
AVAILABILITY_FAILURE_SHARE = env_float("AVAILABILITY_FAILURE_SHARE", 0.05)
AVAILABILITY_WINDOW_DAYS = env_int("AVAILABILITY_WINDOW_DAYS", 7)
AVAILABILITY_RETENTION_DAYS = env_int("AVAILABILITY_RETENTION_DAYS", 400)
# The probe opens these pages ("{town}": the first town's home) at this address (default: the site's own).
AVAILABILITY_PROBE_URL = os.environ.get("AVAILABILITY_PROBE_URL", "") or WAGTAILADMIN_BASE_URL
AVAILABILITY_PROBE_PATHS = env_list("AVAILABILITY_PROBE_PATHS", "/,{town},/banshi/,/liuyan/")

# Annual report (政府网站与政务新媒体工作年度报表, 国办函〔2018〕12号): the site's fixed facts the platform
# cannot know. Empty: the report takes the Wagtail site's name/address and the county unit, else shows 请填写.
ANNUAL_REPORT_SITE_NAME = os.environ.get("ANNUAL_REPORT_SITE_NAME", "")
ANNUAL_REPORT_SITE_URL = os.environ.get("ANNUAL_REPORT_SITE_URL", "")
ANNUAL_REPORT_SPONSOR = os.environ.get("ANNUAL_REPORT_SPONSOR", "")
ANNUAL_REPORT_SITE_KIND = os.environ.get("ANNUAL_REPORT_SITE_KIND", "政府门户网站")
# Yearly figures from outside the platform, as JSON by year, e.g. {"2026": {"visitors": 52300, "page_views": 310000,
# "security_checks": 4}}; keys are the row keys of townsquare/oversight/annual/report.py. Missing: 请填写.
ANNUAL_REPORT_FACTS = json.loads(os.environ.get("ANNUAL_REPORT_FACTS", "{}") or "{}")
# The Chinese font embedded in the report's PDF (.ttc/.otf/.ttf); missing: the non-embedded STSong-Light.
ANNUAL_REPORT_PDF_FONT = os.environ.get(
    "ANNUAL_REPORT_PDF_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
)
