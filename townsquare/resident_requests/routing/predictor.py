"""Where the trained model lives, and one loaded copy of it per process.

The file is checked (one ``stat``) on every prediction: a model retrained by
``manage.py train_routing`` is picked up without restarting the server, and a missing
or unreadable one means "no model" (suggestions then come from keywords).
"""

import logging
import threading
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_cached = {"key": None, "model": None}


def model_path() -> Path:
    """``settings.ROUTING_MODEL_PATH`` as a Path (an override may give a plain string)."""
    return Path(settings.ROUTING_MODEL_PATH)


def load_model(path=None):
    """The model saved at ``path`` (default :func:`model_path`), loaded now; raises when it cannot be read."""
    from .model import RoutingModel

    return RoutingModel.load(Path(path) if path is not None else model_path())


def get_model():
    """The saved model, loaded once per process (again when the file changes); None when there is none."""
    path = model_path()
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if _cached["key"] == key:
        return _cached["model"]
    with _lock:
        if _cached["key"] != key:
            try:
                model = load_model(path)
            except Exception as error:  # a broken or outdated file must not break submissions
                logger.warning("routing model %s not usable (%s); run manage.py train_routing", path, error)
                model = None
            _cached["model"], _cached["key"] = model, key
    return _cached["model"]


def clear_cache():
    with _lock:
        _cached["model"], _cached["key"] = None, None
