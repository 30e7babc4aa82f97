"""Reading settings from environment variables (imported by the settings package: nothing from Django's setup)."""

import os
import secrets

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    """True for 1/true/yes/on (any case); the default when the variable is not set."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_number(name, default, kind, description):
    value = os.environ.get(name, "").strip()
    if not value:
        return kind(default)
    try:
        return kind(value)
    except ValueError:
        # Fail at start-up with the variable's name rather than with a bare ValueError from deep inside Django.
        raise ImproperlyConfigured(
            f"Environment variable {name} must be {description}, got {value!r} (环境变量 {name} 的值无效)."
        ) from None


def env_int(name, default):
    """A whole number from the environment; the default when the variable is unset or blank."""
    return _env_number(name, default, int, "a whole number")


def env_float(name, default):
    """A number (decimals allowed) from the environment; the default when the variable is unset or blank."""
    return _env_number(name, default, float, "a number")


def env_list(name, default=""):
    """A comma-separated list; blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key(var_dir):
    """SECRET_KEY from the environment, else one generated once and kept in ``var_dir``."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        # Written whole to a file of its own (0600 from the start, never readable by others), then linked into
        # place: processes starting together (web instances, worker, scheduler) never read a half-written key,
        # and the first link wins.
        partial = var_dir / f"secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_urlsafe(64))
        try:
            os.link(partial, key_file)
        except FileExistsError:
            pass
        finally:
            os.unlink(partial)
    return key_file.read_text().strip()
