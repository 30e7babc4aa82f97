"""Extension points for other apps, so that services never imports them.

Appointments (预约办理) registers a booking lookup in its AppConfig.ready()::

    from townsquare.services.hooks import register_booking_lookup
    register_booking_lookup(lambda guides: {guide.pk: url, ...})

The lookup receives a list of guides and answers, in one go, the booking address of
those that can be booked; the guide page then shows a "预约办理" button.
Any app may also add buttons with ``register_guide_action(provider)`` where
``provider(guide, request)`` returns GuideAction objects.
"""

from dataclasses import dataclass

_booking_lookups = []
_action_providers = []


@dataclass(frozen=True)
class GuideAction:
    label: str
    url: str
    icon: str = ""
    primary: bool = False


def register_booking_lookup(lookup):
    if lookup not in _booking_lookups:
        _booking_lookups.append(lookup)
    return lookup


def register_guide_action(provider):
    if provider not in _action_providers:
        _action_providers.append(provider)
    return provider


def booking_urls(guides):
    """{guide pk: booking URL} for the guides that can be booked (first lookup that answers wins)."""
    guides = list(guides)
    found = {}
    for lookup in _booking_lookups:
        for pk, url in (lookup(guides) or {}).items():
            if url:
                found.setdefault(pk, url)
    return found


def booking_url(guide):
    if guide.pk is None:
        return ""
    return booking_urls([guide]).get(guide.pk, "")


def guide_actions(guide, request=None):
    actions = []
    for provider in _action_providers:
        actions.extend(provider(guide, request) or [])
    return actions
