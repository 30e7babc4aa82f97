"""Townsquare's own rules (../shared/design/rules.md) and limits, grouped by app; each read as settings.NAME."""

import json
import os
from pathlib import Path

from townsquare.core.environment import env_bool, env_float, env_int, env_list

from .base import BASE_DIR, VAR_DIR, WAGTAILADMIN_BASE_URL

# --- Townsquare rules (see ../shared/design/rules.md), grouped by app ------------------
# Each is defined here once with its default; apps read it as settings.NAME.

# 政务公开: information is published within this many working days of being formed or changed (条例 art. 26).
DISCLOSURE_PUBLISH_WORKING_DAYS = env_int("DISCLOSURE_PUBLISH_WORKING_DAYS", 20)
# 政府信息公开工作年度报告 of the previous year, due (MM-DD): departments, towns and streets by 31 January, the
# county government by 31 March (条例 art. 49, 50); staff are reminded this many days before while it is not out.
DISCLOSURE_REPORT_DEPARTMENT_DUE = os.environ.get("DISCLOSURE_REPORT_DEPARTMENT_DUE", "01-31")
DISCLOSURE_REPORT_COUNTY_DUE = os.environ.get("DISCLOSURE_REPORT_COUNTY_DUE", "03-31")
DISCLOSURE_REPORT_REMIND_DAYS = env_int("DISCLOSURE_REPORT_REMIND_DAYS", 14)

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
# Parts of pages kept on their own (home blocks, a list's cards and pager) live at most this long, also with the
# page cache off: they are dropped when what they show changes, and this bounds what the clock changes unforeseen
# (a 公示 opening that is not listed yet).
PAGE_FRAGMENT_SECONDS = env_int("PAGE_FRAGMENT_SECONDS", 60)
# Core: paths never kept in the page cache (the admin, downloads, search — each search is logged, Open311).
# The open read API (/api/v1/) is kept like pages; its search endpoint is logged, so it is not.
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/search/",
    "/api/search/",
    "/open311/",
    "/elder/",
]
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
# Similar requests shown while a resident writes (and 并案 suggestions to staff): open ones of the same category
# received within this many days, at most this many looked at; "similar" means text similarity (0-1, shared rare
# character pairs) at least REQUEST_SIMILAR_MIN_SCORE, or a map point within REQUEST_SIMILAR_RADIUS_METERS.
REQUEST_SIMILAR_DAYS = env_int("REQUEST_SIMILAR_DAYS", 180)
REQUEST_SIMILAR_CANDIDATES = env_int("REQUEST_SIMILAR_CANDIDATES", 500)
REQUEST_SIMILAR_MIN_SCORE = env_float("REQUEST_SIMILAR_MIN_SCORE", 0.3)
REQUEST_SIMILAR_RADIUS_METERS = env_int("REQUEST_SIMILAR_RADIUS_METERS", 50)
REQUEST_SIMILAR_SHOWN = env_int("REQUEST_SIMILAR_SHOWN", 5)
# Look-ups of similar requests from one address per hour (the form asks as the resident types).
REQUEST_SIMILAR_LOOKUPS_PER_IP_HOUR = env_int("REQUEST_SIMILAR_LOOKUPS_PER_IP_HOUR", 300)
# "我也遇到了" from one address per hour.
REQUEST_ME_TOO_PER_IP_HOUR = env_int("REQUEST_ME_TOO_PER_IP_HOUR", 20)
# The map of public requests (/liuyan/ditu/): an XYZ tile URL ({z}/{x}/{y}, {s} for REQUEST_MAP_TILE_SUBDOMAINS),
# e.g. 天地图 "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default
# &TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=<key>", plus an optional label layer; empty:
# the page is a list. Points are rounded to REQUEST_MAP_DECIMALS decimal places (3 ≈ 100 m) so no home can be found.
REQUEST_MAP_TILE_URL = os.environ.get("REQUEST_MAP_TILE_URL", "")
REQUEST_MAP_LABEL_URL = os.environ.get("REQUEST_MAP_LABEL_URL", "")
REQUEST_MAP_TILE_SUBDOMAINS = os.environ.get("REQUEST_MAP_TILE_SUBDOMAINS", "01234567")
REQUEST_MAP_ATTRIBUTION = os.environ.get("REQUEST_MAP_ATTRIBUTION", "地图：天地图")
REQUEST_MAP_DECIMALS = env_int("REQUEST_MAP_DECIMALS", 3)
REQUEST_MAP_MAX_POINTS = env_int("REQUEST_MAP_MAX_POINTS", 2000)
# Where the map opens without points: "lat,long,zoom".
REQUEST_MAP_CENTER = env_list("REQUEST_MAP_CENTER", "27.85,114.93,11")
# Public pages may show images from the map's tile servers (Content-Security-Policy img-src): their origins.
CSP_IMG_SOURCES = sorted(
    {
        "/".join(url.replace("{s}", sub).split("/")[:3])
        for url in (REQUEST_MAP_TILE_URL, REQUEST_MAP_LABEL_URL)
        if url
        for sub in (REQUEST_MAP_TILE_SUBDOMAINS if "{s}" in url else "-")
    }
)
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
# A routing suggestion is shown alone from this confidence (held out: right 99 % of the time), else the top two;
# see bench/routing_eval.py --calibrate.
ROUTING_SUGGEST_MIN_CONFIDENCE = env_float("ROUTING_SUGGEST_MIN_CONFIDENCE", 0.94)
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

# Feeds and sharing (订阅与数据). Items per RSS/Atom feed (newest first); addresses per sitemap file (the
# sitemap index lists more files beyond it); the picture a shared link shows when a page has none (a static file).
FEED_ITEMS = env_int("FEED_ITEMS", 50)
SITEMAP_URLS_PER_FILE = env_int("SITEMAP_URLS_PER_FILE", 5000)
SHARE_DEFAULT_IMAGE = os.environ.get("SHARE_DEFAULT_IMAGE", "core/share.png")

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
# 标准目录 items not published within DISCLOSURE_PUBLISH_WORKING_DAYS: rules.md sets the 20 working days but no
# points for a miss, so these (like the other point values) are not national figures.
OVERSIGHT_POINTS_DISCLOSURE_OVERDUE = env_float("OVERSIGHT_POINTS_DISCLOSURE_OVERDUE", 1)
OVERSIGHT_CAP_DISCLOSURE_OVERDUE = env_float("OVERSIGHT_CAP_DISCLOSURE_OVERDUE", 10)
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

# Relays (同步到公众号 and webhooks, townsquare/relays): the WeChat API's address (tests point it at a loopback
# fake; empty: nothing is sent, publications wait as 失败 with a note); the county's main account's AppID/secret
# from the environment (a channel's own, entered in the admin, come first); an access token is used until this many
# seconds before it expires; each call waits this long; a publication or webhook delivery is tried this many times,
# the n-th retry RETRY_BASE_SECONDS × 2^(n-1) after the last; a submitted publication is asked about every
# POLL_MINUTES minutes.
WECHAT_API_BASE = os.environ.get("WECHAT_API_BASE", "https://api.weixin.qq.com")
WECHAT_APP_ID = os.environ.get("WECHAT_APP_ID", "")
WECHAT_APP_SECRET = os.environ.get("WECHAT_APP_SECRET", "")
WECHAT_TOKEN_MARGIN_SECONDS = env_int("WECHAT_TOKEN_MARGIN_SECONDS", 300)
RELAY_TIMEOUT_SECONDS = env_float("RELAY_TIMEOUT_SECONDS", 15)
RELAY_MAX_ATTEMPTS = env_int("RELAY_MAX_ATTEMPTS", 5)
RELAY_RETRY_BASE_SECONDS = env_int("RELAY_RETRY_BASE_SECONDS", 60)
WECHAT_POLL_MINUTES = env_int("WECHAT_POLL_MINUTES", 5)

# --- Resident verification (core/verification: a 6-digit code by SMS or e-mail proves a phone or an address) ---
# A code works this many minutes and allows this many wrong tries before it is dropped.
VERIFICATION_CODE_MINUTES = env_int("VERIFICATION_CODE_MINUTES", 10)
VERIFICATION_MAX_TRIES = env_int("VERIFICATION_MAX_TRIES", 5)
# Codes sent per phone number or address per hour, and per client address per hour (any contact).
VERIFICATION_CODES_PER_CONTACT_HOUR = env_int("VERIFICATION_CODES_PER_CONTACT_HOUR", 3)
VERIFICATION_CODES_PER_IP_HOUR = env_int("VERIFICATION_CODES_PER_IP_HOUR", 10)
# Wrong codes from one client address per hour before it must wait.
VERIFICATION_FAILURES_PER_IP_HOUR = env_int("VERIFICATION_FAILURES_PER_IP_HOUR", 20)

# --- Surveys (调查征集) -----------------------------------------------------------------------------------------
# Responses to light surveys (counted by a browser token, not verified) one client address may send per hour.
SURVEY_BROWSER_RESPONSES_PER_IP_HOUR = env_int("SURVEY_BROWSER_RESPONSES_PER_IP_HOUR", 20)
# How long the browser token of light surveys lasts, days.
SURVEY_TOKEN_DAYS = env_int("SURVEY_TOKEN_DAYS", 365)

# --- Residents hear about their cases (core/notify, core/sms): e-mail, and SMS where a provider is set ---
# SMS backend: "console" (default: nothing leaves the machine, texts go to var/sms), "aliyun", "tencent", a class.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")
# The SMS signature (签名) registered with the provider, shown as 【…】 before each text.
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "示范县政务服务")
# Where the console backend writes the texts it would have sent (0600 files, one a day).
SMS_FILE_PATH = VAR_DIR / "sms"
# Seconds to wait for the provider's answer.
SMS_TIMEOUT_SECONDS = env_float("SMS_TIMEOUT_SECONDS", 10)
# Alibaba Cloud SMS: AccessKey pair, region and endpoint (tests point it at a loopback server).
SMS_ALIYUN_ACCESS_KEY_ID = os.environ.get("SMS_ALIYUN_ACCESS_KEY_ID", "")
SMS_ALIYUN_ACCESS_KEY_SECRET = os.environ.get("SMS_ALIYUN_ACCESS_KEY_SECRET", "")
SMS_ALIYUN_REGION = os.environ.get("SMS_ALIYUN_REGION", "cn-hangzhou")
SMS_ALIYUN_ENDPOINT = os.environ.get("SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
# Tencent Cloud SMS: SecretId/SecretKey, the SMS application (SdkAppId), region and endpoint.
SMS_TENCENT_SECRET_ID = os.environ.get("SMS_TENCENT_SECRET_ID", "")
SMS_TENCENT_SECRET_KEY = os.environ.get("SMS_TENCENT_SECRET_KEY", "")
SMS_TENCENT_SDK_APP_ID = os.environ.get("SMS_TENCENT_SDK_APP_ID", "")
SMS_TENCENT_REGION = os.environ.get("SMS_TENCENT_REGION", "ap-guangzhou")
SMS_TENCENT_ENDPOINT = os.environ.get("SMS_TENCENT_ENDPOINT", "https://sms.tencentcloudapi.com/")
# Residents' replies (回复TD退订) are pushed by the provider to /tongzhi/duanxin/<aliyun|tencent>/<this token>/;
# neither provider signs the push, so the token is its only credential. Empty: no reply URL answers.
SMS_REPLY_TOKEN = os.environ.get("SMS_REPLY_TOKEN", "")
# Each message kind's template code per provider, as registered there (texts: core/sms/texts.py). JSON in
# SMS_TEMPLATES, e.g. {"aliyun": {"request_accepted": "SMS_123"}, "tencent": {"request_accepted": "1234567"}};
# the console backend's codes are the kinds themselves. A kind without a template is not sent by SMS.
SMS_TEMPLATES = {
    "console": {
        kind: kind
        for kind in (
            "request_accepted",
            "request_more_info",
            "request_deadline_moved",
            "request_answered",
            "application_accepted",
            "application_correction",
            "application_deadline_moved",
            "application_decided",
            "booking_made",
            "booking_moved",
            "booking_cancelled",
            "booking_reminder",
            "followup",
            "verification_code",
        )
    },
    **json.loads(os.environ.get("SMS_TEMPLATES", "{}") or "{}"),
}
# Messages that failed are tried again by the scheduled job, at most this many times in all.
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 5)
# How often the job sends what is due (回访, retries, anything the task queue missed), minutes.
NOTIFY_EVERY_MINUTES = env_int("NOTIFY_EVERY_MINUTES", 5)
# 回访 ("问题解决了吗？") goes out this many days after an answer; its link works this many days.
NOTIFY_FOLLOWUP_DAYS = env_int("NOTIFY_FOLLOWUP_DAYS", 7)
NOTIFY_FOLLOWUP_LINK_DAYS = env_int("NOTIFY_FOLLOWUP_LINK_DAYS", 60)

# Open API (开放接口, /api/v1/): items per page when a client asks for none, and the most it may ask for.
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 20)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 100)
# Requests per client address per minute that reach the API's code (answers from the page cache are not counted).
API_RATE_LIMIT_PER_IP_MINUTE = env_int("API_RATE_LIMIT_PER_IP_MINUTE", 300)

# --- Subscriptions (邮件和微信订阅) ------------------------------------------------------------------------
# A confirmation link works this many days; unconfirmed subscriptions are then removed.
SUBSCRIPTIONS_CONFIRM_DAYS = env_int("SUBSCRIPTIONS_CONFIRM_DAYS", 7)
# Daily digests go out from this local hour on; weekly ones on this weekday (1 = Monday) from that hour.
SUBSCRIPTIONS_DIGEST_HOUR = env_int("SUBSCRIPTIONS_DIGEST_HOUR", 7)
SUBSCRIPTIONS_WEEKLY_WEEKDAY = env_int("SUBSCRIPTIONS_WEEKLY_WEEKDAY", 1)
# Messages one background task sends over one SMTP connection.
SUBSCRIPTIONS_BATCH_SIZE = env_int("SUBSCRIPTIONS_BATCH_SIZE", 500)
# A failed delivery is tried up to MAX_ATTEMPTS times in all, waiting RETRY_MINUTES, then twice as long each time.
SUBSCRIPTIONS_MAX_ATTEMPTS = env_int("SUBSCRIPTIONS_MAX_ATTEMPTS", 5)
SUBSCRIPTIONS_RETRY_MINUTES = env_int("SUBSCRIPTIONS_RETRY_MINUTES", 5)
# Subscribe requests an hour, per e-mail address and per client address.
SUBSCRIPTIONS_PER_ADDRESS_HOUR = env_int("SUBSCRIPTIONS_PER_ADDRESS_HOUR", 5)
SUBSCRIPTIONS_PER_IP_HOUR = env_int("SUBSCRIPTIONS_PER_IP_HOUR", 30)
# Mailbox offered in List-Unsubscribe next to the web link (empty: the web link only).
SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO = os.environ.get("SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO", "")
# Addresses that follow nothing any more are deleted after this many days, with their delivery log.
SUBSCRIPTIONS_PURGE_DAYS = env_int("SUBSCRIPTIONS_PURGE_DAYS", 30)
# Subscribing by WeChat (subscriptions/wechat.py) through the county's connected 公众号: the template message's id
# chosen in the 公众号 back-end (empty: WeChat subscriptions are not offered), the template's keys that get the
# title, the publishing unit and the time, in that order, and the page WeChat's web authorisation starts at.
WECHAT_SUBSCRIPTION_TEMPLATE_ID = os.environ.get("WECHAT_SUBSCRIPTION_TEMPLATE_ID", "")
WECHAT_SUBSCRIPTION_TEMPLATE_KEYS = env_list("WECHAT_SUBSCRIPTION_TEMPLATE_KEYS", "thing1,thing2,time3")
WECHAT_OAUTH_AUTHORIZE_URL = os.environ.get(
    "WECHAT_OAUTH_AUTHORIZE_URL", "https://open.weixin.qq.com/connect/oauth2/authorize"
)

# --- Knowledge base (知识库, 搜问一体) -------------------------------------------------------------------------
# A new entry is due for review this many days after it is written or last reviewed; past it, 监管 flags it.
KNOWLEDGE_REVIEW_DAYS = env_int("KNOWLEDGE_REVIEW_DAYS", 180)
# How well a search must match an entry's question (0–1, weighted word overlap) for the answer card on top.
KNOWLEDGE_ANSWER_MIN_SCORE = env_float("KNOWLEDGE_ANSWER_MIN_SCORE", 0.6)
# How much of an entry's question a 咨询 being typed must hold (0–1) for the entry to be suggested.
KNOWLEDGE_SUGGEST_MIN_SCORE = env_float("KNOWLEDGE_SUGGEST_MIN_SCORE", 0.5)
# Entries suggested at most, and the shortest text (characters) that asks for suggestions.
KNOWLEDGE_SUGGESTIONS = env_int("KNOWLEDGE_SUGGESTIONS", 3)
KNOWLEDGE_SUGGEST_MIN_CHARS = env_int("KNOWLEDGE_SUGGEST_MIN_CHARS", 4)
# Suggestion requests and counted events per client address per hour.
KNOWLEDGE_REQUESTS_PER_IP_HOUR = env_int("KNOWLEDGE_REQUESTS_PER_IP_HOUR", 600)

# 热点问题 (hotspots): messages are grouped when their texts are this similar (cosine of the TF-IDF vectors, 0–1;
# chosen on bench/hot_topics_labels.tsv) and received at most this many days apart.
HOTSPOT_SIMILARITY = env_float("HOTSPOT_SIMILARITY", 0.14)
HOTSPOT_WINDOW_DAYS = env_int("HOTSPOT_WINDOW_DAYS", 60)
# The weekly job groups the requests received in the last this many days.
HOTSPOT_LOOKBACK_DAYS = env_int("HOTSPOT_LOOKBACK_DAYS", 30)
# A group whose heat reaches this asks its lead unit for a public response (回应关切) …
HOTSPOT_RESPONSE_THRESHOLD = env_int("HOTSPOT_RESPONSE_THRESHOLD", 10)
# … within this many days of crossing it; later (or still none) is a finding in 监管.
HOTSPOT_RESPONSE_DAYS = env_int("HOTSPOT_RESPONSE_DAYS", 7)
# Hot topics listed on the supervisors' 监管 dashboard (the hottest current ones; all under 热点问题).
OVERSIGHT_DASHBOARD_HOT_TOPICS = env_int("OVERSIGHT_DASHBOARD_HOT_TOPICS", 5)
# Heat: each request counts 1, each 我也遇到了 this much, each 点赞 this much; plus growth (this week's requests
# beyond last week's) times this.
HOTSPOT_METOO_WEIGHT = env_float("HOTSPOT_METOO_WEIGHT", 1.0)
HOTSPOT_VOTE_WEIGHT = env_float("HOTSPOT_VOTE_WEIGHT", 0.01)
HOTSPOT_GROWTH_WEIGHT = env_float("HOTSPOT_GROWTH_WEIGHT", 0.5)
# A group needs at least this many requests to be a hot topic at all.
HOTSPOT_MIN_REQUESTS = env_int("HOTSPOT_MIN_REQUESTS", 3)
# 监管: points per late public response, and the most they can cost.
OVERSIGHT_POINTS_LATE_RESPONSE = env_float("OVERSIGHT_POINTS_LATE_RESPONSE", 2)
OVERSIGHT_CAP_LATE_RESPONSE = env_float("OVERSIGHT_CAP_LATE_RESPONSE", 10)

# 民生实事 (projects chosen by residents, 票决). Proposals a round may vote on per verified person, each once
# (a round may set its own limit); residents' proposals per address per hour and per phone/e-mail per day.
LIVELIHOOD_VOTES_PER_PERSON = env_int("LIVELIHOOD_VOTES_PER_PERSON", 10)
LIVELIHOOD_PROPOSALS_PER_IP_HOUR = env_int("LIVELIHOOD_PROPOSALS_PER_IP_HOUR", 5)
LIVELIHOOD_PROPOSALS_PER_CONTACT_DAY = env_int("LIVELIHOOD_PROPOSALS_PER_CONTACT_DAY", 3)
# Ballots sent per address per hour (each needs a verified phone/e-mail as well).
LIVELIHOOD_BALLOTS_PER_IP_HOUR = env_int("LIVELIHOOD_BALLOTS_PER_IP_HOUR", 30)
# 征求意见 (consultations): a draft is open for comments at least this many days; shorter only with a
# stated reason, shown publicly (the usual practice for 重大行政决策 drafts: 30 days).
CONSULTATION_MIN_DAYS = env_int("CONSULTATION_MIN_DAYS", 30)
# 征求意见: comments one address may send per hour (abuse limit; addresses are never stored).
CONSULTATION_COMMENTS_PER_IP_HOUR = env_int("CONSULTATION_COMMENTS_PER_IP_HOUR", 10)
# --- Pages that learn: 这个页面对您有帮助吗？ (feedback) and visit counts (visits) ------------------------------------
# Answers accepted per client address per hour (the address is used for the limit only, hashed, never stored).
FEEDBACK_ANSWERS_PER_HOUR = env_int("FEEDBACK_ANSWERS_PER_HOUR", 20)
# The longest 缺少什么 text, in characters.
FEEDBACK_MISSING_MAX_CHARS = env_int("FEEDBACK_MISSING_MAX_CHARS", 200)
# Minutes after answering 没有 in which the 缺少什么 text may still be added.
FEEDBACK_MISSING_MINUTES = env_int("FEEDBACK_MISSING_MINUTES", 60)
# 监管 lists a page as unhelpful when, over the last this many days, it had at least this many answers and at
# least this share (0–1) of them were 没有; at most this many pages, the least helpful first.
FEEDBACK_UNHELPFUL_DAYS = env_int("FEEDBACK_UNHELPFUL_DAYS", 90)
FEEDBACK_UNHELPFUL_MIN_ANSWERS = env_int("FEEDBACK_UNHELPFUL_MIN_ANSWERS", 5)
FEEDBACK_UNHELPFUL_SHARE = env_float("FEEDBACK_UNHELPFUL_SHARE", 0.5)
FEEDBACK_UNHELPFUL_LISTED = env_int("FEEDBACK_UNHELPFUL_LISTED", 10)
# Visits: addresses not counted (the admin, the API, files, the feedback form's own answers) …
VISITS_EXCLUDED_PATHS = env_list(
    "VISITS_EXCLUDED_PATHS",
    "/admin/,/api/,/static/,/media/,/documents/,/fankui/,/open311/,/elder/,/__",
)
# … how often the scheduler stores the cache's running counts in the database (minutes) …
VISITS_FLUSH_MINUTES = env_int("VISITS_FLUSH_MINUTES", 10)
# … and the most different addresses counted in one day (a flood of made-up URLs stops here).
VISITS_MAX_PATHS_PER_DAY = env_int("VISITS_MAX_PATHS_PER_DAY", 50000)
# --- 在线访谈 (interviews) -------------------------------------------------------------------------------
# How often (seconds) a resident's open live page asks for new lines.
INTERVIEW_POLL_SECONDS = env_int("INTERVIEW_POLL_SECONDS", 5)
# Questions one address may send per hour, and the longest question (characters).
INTERVIEW_QUESTIONS_PER_IP_HOUR = env_int("INTERVIEW_QUESTIONS_PER_IP_HOUR", 5)
INTERVIEW_QUESTION_MAX_CHARS = env_int("INTERVIEW_QUESTION_MAX_CHARS", 500)
