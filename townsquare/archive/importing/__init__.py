"""Importing a closed account's archive: saved WeChat pages, RSS/Atom feeds, CSV/JSON.

A source (a folder, a zip, or one file) is turned into a list of work items (``sources``); each is
parsed (``wechat``, ``feeds``, ``tables``) and stored on its own (``importer``, ``storing``), in its
own savepoint, so a killed import leaves only whole items and a rerun skips what is done
(``ArchiveItemKey`` is unique per unit). A bad file fails alone with a ``Rejection`` code, whose
Chinese message goes into the run's report; nothing else is lost. Bodies are sanitised in ``cleaning``.
"""

from .importer import Importer, report_lines
from .rejections import ItemError, Rejection
from .sources import ARTICLE_SUFFIXES, sniff_account_name
from .storing import link_channel
from .wechat import parse_wechat

__all__ = [
    "ARTICLE_SUFFIXES",
    "Importer",
    "ItemError",
    "Rejection",
    "link_channel",
    "parse_wechat",
    "report_lines",
    "sniff_account_name",
]
