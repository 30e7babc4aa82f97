"""Counting page views and daily visitors on the request path: cheap, without cookies or personal data.

A counted view costs two or three cache operations and no database write: ``incr`` of the day's counter of
the path (its first view of the day also files the path under the day's list), ``add`` of the visitor's
marker, and ``incr`` of the day's visitors when that marker is new; on Redis, one script (``COUNT_SCRIPT``)
does them all in one round trip, with the same keys and values. The scheduled job ``visits_flush``
(``jobs.py``) copies the day's totals into ``PageVisits`` and ``DailyVisitors``; totals, not increments, so
a second run writes the same numbers, and the larger of the stored and the cached figure is kept, so a cache
that lost its keys (a Redis restart) never lowers a day.

Unique visitors without cookies: each day gets a random salt that lives only in the cache (and in the
process's memory) until shortly after that day ends. A visitor is ``blake2b(salt, client address,
User-Agent)``, kept as a marker in the cache until the same moment. Neither the salt nor a marker is ever
written to the database or a log; once they expire nobody can tell who came or link a visitor to another
day's. One person with two browsers counts twice, a household behind one address with identical browsers
once. The year's 独立用户访问总量 is the sum of its days' visitors.

Counted: GET answered 200 with HTML, or 304 (a browser revalidating a page it has), outside
``VISITS_EXCLUDED_PATHS``, from a User-Agent that is not an obvious robot. The middleware sits outside the
page cache, so pages served from it count like the others.
"""

import hashlib
import logging
import re
import secrets

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django_redis.cache import RedisCache

from townsquare.core.pagecache import next_midnight
from townsquare.core.ratelimit import client_ip

logger = logging.getLogger(__name__)

# Crawlers, monitors, link previews and scripts name themselves; an empty User-Agent is a script too.
ROBOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|scan|monitor|probe|preview|headless|lighthouse|pingdom|uptime|feed|fetch"
    r"|curl|wget|python|java/|go-http|okhttp|httpclient|libwww|axios|node-fetch|townsquare",
    re.IGNORECASE,
)
# Running totals outlive their day long enough for the flush after midnight (and a missed one).
TOTALS_SECONDS = 3 * 24 * 3600
# The salt and the markers end a little after their day, once the last flush of the day has read them.
AFTER_MIDNIGHT_SECONDS = 600

_salts = {}  # day -> salt, this process's copy of the cache's


def visits_cache():
    return caches[settings.VISITS_CACHE_ALIAS]


def is_robot(user_agent):
    return not user_agent or bool(ROBOT_AGENTS.search(user_agent))


def counts(request, response):
    """Whether this request is a page view to count."""
    if request.method != "GET" or response.status_code not in (200, 304):
        return False
    if response.status_code == 200 and not response.get("Content-Type", "").startswith("text/html"):
        return False
    if any(request.path.startswith(prefix) for prefix in settings.VISITS_EXCLUDED_PATHS):
        return False
    return not is_robot(request.META.get("HTTP_USER_AGENT", ""))


def record(request, now=None):
    """Count one view of ``request.path`` and, if new today, its visitor."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    cache = visits_cache()
    path = request.path[:255]
    visitor = visitor_of(request, salt_for(cache, day, now))
    if isinstance(cache, RedisCache):
        _record_in_one_trip(cache, day, path, visitor, now)
        return
    if bump(cache, views_key(day, path)) == 1:
        _file_path(cache, day, path)
    if cache.add(marker_key(day, visitor), 1, _until_after(now)):
        bump(cache, visitors_key(day))


# What ``record`` does step by step, in one script: the view, the path's slot on its first view of the day
# (filed only while slots are left), the visitor's marker and, when it is new, the day's visitors. Totals
# get TOTALS_SECONDS from their first increment, as ``bump`` gives them.
# KEYS: views, slots, marker, visitors. ARGV: totals seconds, max slots, slot key before and after the
# number, the path as the cache stores it, marker seconds.
COUNT_SCRIPT = """
local views = redis.call('INCR', KEYS[1])
if views == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  local slot = redis.call('INCR', KEYS[2])
  if slot == 1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
  if slot <= tonumber(ARGV[2]) then
    redis.call('SET', ARGV[3] .. slot .. ARGV[4], ARGV[5], 'EX', ARGV[1])
  end
end
if redis.call('SET', KEYS[3], 1, 'NX', 'EX', ARGV[6]) then
  local visitors = redis.call('INCR', KEYS[4])
  if visitors == 1 then redis.call('EXPIRE', KEYS[4], ARGV[1]) end
end
return views
"""
_scripts = {}  # id of the Redis client -> its registered COUNT_SCRIPT


def _record_in_one_trip(cache, day, path, visitor, now):
    client = cache.client.get_client(write=True)
    script = _scripts.get(id(client))
    if script is None:
        _scripts.clear()
        script = _scripts[id(client)] = client.register_script(COUNT_SCRIPT)
    names = (views_key(day, path), slots_key(day), marker_key(day, visitor), visitors_key(day))
    slot_before, slot_after = str(cache.client.make_key(slot_key(day, "\0"))).split("\0")
    args = [TOTALS_SECONDS, settings.VISITS_MAX_PATHS_PER_DAY, slot_before, slot_after]
    keys = [cache.client.make_key(name) for name in names]
    script(keys=keys, args=[*args, cache.client.encode(path), _until_after(now)])


def bump(cache, key, timeout=TOTALS_SECONDS):
    """Add one to ``key`` (made at 1 when missing); returns the new value."""
    try:
        return cache.incr(key)
    except ValueError:  # the first of the day
        if cache.add(key, 1, timeout):
            return 1
        return cache.incr(key)


def _file_path(cache, day, path):
    """The path's first view today: give it the next slot of the day's list, which the flush reads back."""
    slot = bump(cache, slots_key(day))
    if slot <= settings.VISITS_MAX_PATHS_PER_DAY:
        cache.set(slot_key(day, slot), path, TOTALS_SECONDS)


def salt_for(cache, day, now):
    salt = _salts.get(day)
    if salt is None:
        key = f"visits:salt:{day:%Y%m%d}"
        cache.add(key, secrets.token_hex(16), _until_after(now))
        salt = cache.get(key) or secrets.token_hex(16)
        _salts.clear()  # only today's is kept
        _salts[day] = salt
    return salt


def visitor_of(request, salt):
    agent = request.META.get("HTTP_USER_AGENT", "")
    text = f"{client_ip(request)}\n{agent}".encode()
    return hashlib.blake2b(text, key=salt.encode()[:64], digest_size=12).hexdigest()


def _until_after(now):
    return int((next_midnight(now) - now).total_seconds()) + AFTER_MIDNIGHT_SECONDS


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def views_key(day, path):
    return f"visits:views:{day:%Y%m%d}:{_digest(path)}"


def slots_key(day):
    return f"visits:slots:{day:%Y%m%d}"


def slot_key(day, slot):
    return f"visits:slot:{day:%Y%m%d}:{slot}"


def marker_key(day, visitor):
    return f"visits:seen:{day:%Y%m%d}:{visitor}"


def visitors_key(day):
    return f"visits:visitors:{day:%Y%m%d}"
