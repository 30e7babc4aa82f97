"""The life-service grid (生活服务) on the home page, filled by the apps that own the pages.

Hook ``townsquare_life_services``: a function taking no arguments and returning an iterable of
``LifeService`` tiles. Register it in the owning app's ``wagtail_hooks.py``; the hook's
``order`` places the tiles in the grid::

    @hooks.register("townsquare_life_services", order=50)
    def life_services():
        return [LifeService("library", "图书馆", "school", "借书、还书", url_name="library:index")]

A tile whose URL name does not resolve leads to ``/life/<slug>/``, a page that says what a
resident can do today.

The 互动交流 page (``/hudong/``) is the same kind of grid, filled through the hook
``townsquare_interaction_entries``: every way a resident can speak to the government (留言, 征求意见, 调查,
访谈, 民生实事 …) registers its tiles there, and the home grid has one tile leading to it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from wagtail import hooks

logger = logging.getLogger(__name__)

LIFE_SERVICES_HOOK = "townsquare_life_services"
INTERACTION_HOOK = "townsquare_interaction_entries"


@dataclass(frozen=True)
class LifeService:
    slug: str
    label: str
    icon: str
    hint: str
    url_name: str = ""
    path: str = ""  # a page's own path (e.g. a column of the county home) instead of a URL name
    # A short current hint (e.g. weather: "多云 24°C"); empty or failing: the fixed hint.
    live_hint: Callable[[], str] | None = field(default=None, compare=False)

    @property
    def url(self):
        if self.path:
            return self.path
        if self.url_name:
            try:
                return reverse(self.url_name)
            except NoReverseMatch:
                pass
        return reverse("life_service", args=[self.slug])

    @property
    def current_hint(self):
        if self.live_hint is not None:
            try:
                return self.live_hint() or self.hint
            except Exception:  # a hint must never break the page
                logger.exception("live hint for %s failed", self.slug)
        return self.hint


def life_services():
    """Every registered tile, in hook order."""
    return [tile for provider in hooks.get_hooks(LIFE_SERVICES_HOOK) for tile in provider()]


def life_service(slug):
    return next((service for service in life_services() if service.slug == slug), None)


def interaction_entries():
    """The 互动交流 page's tiles, in hook order."""
    return [tile for provider in hooks.get_hooks(INTERACTION_HOOK) for tile in provider()]
