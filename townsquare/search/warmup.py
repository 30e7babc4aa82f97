"""Loading search's dictionaries when a web process loads the application, before gunicorn forks its workers.

jieba's dictionary (a second tokenizer, apart from smart routing's, because search adds the county's
words to it) and pypinyin's tables are large Python objects. ``townsquare/wsgi.py`` calls
:func:`warm_up` when ``settings.SEARCH_WARM_UP`` is on; with gunicorn's ``preload_app`` that happens
in the master, so every worker shares those pages (copy-on-write) instead of loading its own copy on
its first search. The county's terms and synonyms (a few hundred words, from the database) are added
there too: adding words to jieba's dictionary in a worker would write to (and copy) its large tables.
Without a database the words are added per process on first use (``Dictionary.get()``), as before.
"""

import logging
import time

logger = logging.getLogger(__name__)


def warm_up():
    """Load jieba's search dictionary and pypinyin's tables now; returns the seconds it took. Never raises."""
    started = time.perf_counter()
    try:
        from .analysis import DICTIONARY, initials, pinyin

        DICTIONARY.load_tokenizer()
        pinyin("社保卡")
        pinyin("银行")
        initials("社保")
    except Exception:  # a slow first search is better than a web process that does not start
        logger.exception("search warm-up failed; the first search will load what it needs")
        return time.perf_counter() - started
    try:
        DICTIONARY.get()
    except Exception:  # no database yet: each process adds the county's words on its first search
        logger.warning("search warm-up: the county's words could not be read; added on first search", exc_info=True)
    return time.perf_counter() - started
