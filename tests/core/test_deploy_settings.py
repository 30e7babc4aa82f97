"""Settings for production behind nginx: media on S3-compatible storage when a bucket is named, forwarded headers
trusted only when BEHIND_PROXY says nginx is in front."""

from .test_settings import run_manage

SHOW = "from django.conf import settings; from django.core.files.storage import storages; print(repr(({},)))"


def show(tmp_path, expression, **env):
    result = run_manage(["shell", "-c", SHOW.format(expression)], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_bucket_puts_media_on_s3(tmp_path):
    storage = show(
        tmp_path,
        "type(storages['default']).__name__, storages['default'].bucket_name, storages['default'].endpoint_url",
        MEDIA_S3_BUCKET="county-media",
        MEDIA_S3_ENDPOINT_URL="https://oss.example.cn",
    )
    assert storage == "('S3Storage', 'county-media', 'https://oss.example.cn')"


def test_without_a_bucket_media_stays_on_disk(tmp_path):
    assert show(tmp_path, "type(storages['default']).__name__", MEDIA_S3_BUCKET="") == "('FileSystemStorage',)"


def test_behind_a_proxy_the_forwarded_host_and_scheme_are_trusted(tmp_path):
    trusted = show(tmp_path, "settings.USE_X_FORWARDED_HOST, settings.SECURE_PROXY_SSL_HEADER", BEHIND_PROXY="1")
    assert trusted == "(True, ('HTTP_X_FORWARDED_PROTO', 'https'))"


def test_without_a_proxy_forwarded_headers_are_ignored(tmp_path):
    trusted = show(tmp_path, "settings.USE_X_FORWARDED_HOST, settings.SECURE_PROXY_SSL_HEADER", BEHIND_PROXY="0")
    assert trusted == "(False, None)"


def test_an_empty_database_url_means_the_sqlite_file(tmp_path):
    assert (
        show(tmp_path, "settings.DATABASES['default']['ENGINE']", DATABASE_URL="") == "('django.db.backends.sqlite3',)"
    )
