"""Settings for the test run: the project's settings with test-only speed-ups."""

from townsquare.settings import *  # noqa: F403

# Plain static storage: tests don't need collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Background tasks run at once, inside the test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405
# Quiet logs: failures print what matters.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405

ROUTING_MODEL_PATH = VAR_DIR / "test-routing" / "model.joblib"  # noqa: F405
# The page cache in this process's memory; tests run inside transactions that never commit, so
# invalidations happen at once too.
CACHES = {**CACHES, PAGE_CACHE_ALIAS: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}  # noqa: F405
PAGE_CACHE_EAGER_INVALIDATION = True
# The day's visit counts in this process's memory too.
CACHES[VISITS_CACHE_ALIAS] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "visits"}  # noqa: F405
# The availability probe, when other tests run every due job, finds nothing serving: it gives up within a second.
AVAILABILITY_TIMEOUT_SECONDS = 1
# Texts of the console SMS backend: a folder of the tests' own.
SMS_FILE_PATH = VAR_DIR / "test-sms"  # noqa: F405
