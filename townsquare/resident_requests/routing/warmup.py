"""Loading what smart routing needs before the first resident submits, not during that submission.

jieba reads its dictionary and the classifier is unpickled lazily, on first use: several seconds
that the first resident to submit 我要留言 in each worker process would wait. ``townsquare/wsgi.py``
calls :func:`warm_up` when a web process loads the application (every gunicorn worker, and
``runserver`` as ``rundemo`` starts it), when ``settings.ROUTING_WARM_UP`` is on. Management
commands such as ``migrate`` never import the WSGI module, so they stay fast.
"""

import logging
import time

logger = logging.getLogger(__name__)


def warm_up():
    """Load jieba's dictionary and the routing model now; returns the seconds it took. Never raises."""
    started = time.perf_counter()
    try:
        import jieba

        from .predictor import get_model
        from .text import tokenize

        jieba.initialize()
        model = get_model()
        if model is not None:
            model.ranked("路灯", "路灯坏了")  # the first prediction builds what the pipeline caches
        else:
            tokenize("路灯坏了")
    except Exception:  # a slow first submission is better than a web process that does not start
        logger.exception("routing warm-up failed; the first submission will load what it needs")
    return time.perf_counter() - started
