"""Production settings pass Django's deployment checks; time and language are China's; settings are read one way."""

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from townsquare.core.environment import env_float, env_int

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
        REDIS_URL="redis://127.0.0.1:6379/0",  # the README's production cache (no connection is made)
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


# --- numbers from the environment -----------------------------------------------------------


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("TOWNSQUARE_TEST_NUMBER", " 42 ")
    assert env_int("TOWNSQUARE_TEST_NUMBER", 7) == 42


def test_env_int_falls_back_to_its_default_when_unset_or_blank(monkeypatch):
    monkeypatch.delenv("TOWNSQUARE_TEST_NUMBER", raising=False)
    assert env_int("TOWNSQUARE_TEST_NUMBER", 7) == 7
    monkeypatch.setenv("TOWNSQUARE_TEST_NUMBER", "  ")
    assert env_int("TOWNSQUARE_TEST_NUMBER", 7) == 7


@pytest.mark.parametrize("value", ["14 days", "1.5", "fourteen"])
def test_env_int_refuses_a_bad_value_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("TOWNSQUARE_TEST_NUMBER", value)
    with pytest.raises(ImproperlyConfigured, match="TOWNSQUARE_TEST_NUMBER"):
        env_int("TOWNSQUARE_TEST_NUMBER", 7)


def test_env_float_reads_a_number_and_defaults_to_a_float(monkeypatch):
    monkeypatch.setenv("TOWNSQUARE_TEST_NUMBER", "0.5")
    assert env_float("TOWNSQUARE_TEST_NUMBER", 8) == 0.5
    monkeypatch.delenv("TOWNSQUARE_TEST_NUMBER")
    default = env_float("TOWNSQUARE_TEST_NUMBER", 8)
    assert default == 8.0 and isinstance(default, float)


def test_env_float_refuses_a_bad_value_naming_the_variable(monkeypatch):
    monkeypatch.setenv("TOWNSQUARE_TEST_NUMBER", "8s")
    with pytest.raises(ImproperlyConfigured, match="TOWNSQUARE_TEST_NUMBER"):
        env_float("TOWNSQUARE_TEST_NUMBER", 8)


def test_a_bad_number_stops_start_up_with_the_variable_named(tmp_path):
    environment = {**os.environ, "TOWNSQUARE_VAR_DIR": str(tmp_path), "SEARCH_PAGE_SIZE": "ten"}
    result = subprocess.run(
        [sys.executable, "-c", "import townsquare.settings"], cwd=REPO, env=environment, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SEARCH_PAGE_SIZE" in result.stderr


# --- every setting defined once, every setting read is defined -----------------------------

SETTING_READ = re.compile(r"\bsettings\.([A-Z][A-Z0-9_]*)\b")


def _app_sources():
    package = REPO / "townsquare"
    for path in sorted(package.rglob("*.py")):
        if "migrations" in path.parts or path.parent == package / "settings":
            continue
        yield path


def test_every_setting_read_in_the_apps_is_defined():
    undefined = {
        f"{path.relative_to(REPO)}: settings.{name}"
        for path in _app_sources()
        for name in SETTING_READ.findall(path.read_text(encoding="utf-8"))
        if not hasattr(settings, name)
    }
    assert not undefined, sorted(undefined)


def test_each_setting_is_defined_once_in_the_settings_package():
    modules = sorted((REPO / "townsquare" / "settings").glob("*.py"))
    names = [
        target.id
        for module in modules
        for node in ast.parse(module.read_text(encoding="utf-8")).body
        # top level only: `if HTTPS:` / `if REDIS_URL:` branches set their own values
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    ]
    assert sorted({name for name in names if names.count(name) > 1}) == []


def test_removed_settings_stay_removed():
    # Never read (REQUEST_UNANSWERED_VETO_DAYS), or a second name for STALE_LIST_DAYS (OVERSIGHT_HOME_STALE_DAYS).
    assert not hasattr(settings, "REQUEST_UNANSWERED_VETO_DAYS")
    assert not hasattr(settings, "OVERSIGHT_HOME_STALE_DAYS")
    assert settings.STALE_LIST_DAYS == 14
