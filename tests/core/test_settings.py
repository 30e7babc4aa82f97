"""Production settings pass Django's deployment checks; time and language are China's."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
# Set by the environment under test, not inherited from this test run.
OWN_VARIABLES = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(args, tmp_path, **env):
    environment = {key: value for key, value in os.environ.items() if key not in OWN_VARIABLES}
    environment.update(DJANGO_SETTINGS_MODULE="townsquare.settings", TOWNSQUARE_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        ALLOWED_HOSTS="example.gov.cn",
        HTTPS="1",
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output.upper(), output
    assert "no issues" in output, output


def test_check_deploy_complains_without_https(tmp_path):
    """The clean result above comes from the settings, not from a check that never fails."""
    result = run_manage(
        ["check", "--deploy"],
        tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        ALLOWED_HOSTS="example.gov.cn",
        HTTPS="0",
    )

    assert "security.W008" in result.stdout + result.stderr  # SECURE_SSL_REDIRECT


def test_https_turns_on_the_secure_flags(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "townsquare.settings",
        "TOWNSQUARE_VAR_DIR": str(tmp_path),
        "HTTPS": "1",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=environment, capture_output=True, text=True)

    assert result.stdout.strip() == "True True True True ('HTTP_X_FORWARDED_PROTO', 'https')", result.stderr


def test_time_is_beijing_time_and_stored_with_zones():
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


def test_the_language_is_simplified_chinese():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.LANGUAGES == [("zh-hans", "简体中文")]
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES == [("zh-hans", "简体中文")]


def test_timestamps_are_shown_as_year_month_day_hour_minute():
    assert settings.DATETIME_FORMAT == settings.SHORT_DATETIME_FORMAT == "Y-m-d H:i"
    assert settings.DATE_FORMAT == "Y-m-d"
    assert settings.WAGTAIL_DATETIME_FORMAT == "%Y-%m-%d %H:%M"


def test_the_plain_date_filter_shows_local_time_to_the_minute():
    import datetime

    from townsquare.core.templatetags.townsquare_tags import plain

    moment = datetime.datetime(2026, 6, 1, 1, 5, tzinfo=datetime.UTC)
    assert plain(moment) == "2026-06-01 09:05"
    assert plain(moment, "date") == "2026-06-01"
    assert plain(datetime.date(2026, 6, 1)) == "2026-06-01"


def test_publishing_goes_through_review():
    assert settings.WAGTAIL_WORKFLOW_ENABLED is True
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True


def test_rule_thresholds_are_settings_with_their_defaults():
    assert settings.PUBLICITY_DEFAULT_DAYS == 7
    assert settings.ELDER_MODE_COOKIE == "elder"
    assert settings.TITLE_ADVISED_MAX_CHARS == 28


def test_the_admin_page_shows_in_chinese(client, db):
    html = client.get("/admin/login/").content.decode()

    assert '<html lang="zh-hans"' in html
    assert "登录" in html
