"""Counts page views (``counting.py``). It is placed outside the page cache, so cached pages are counted too;
a failing cache never costs the visitor the page."""

import logging

from . import counting

logger = logging.getLogger(__name__)


class VisitCountingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            if counting.counts(request, response):
                counting.record(request)
        except Exception:
            logger.warning("visit not counted: the visits cache is unavailable", exc_info=True)
        return response
