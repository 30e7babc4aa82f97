"""Whom a unit's reminders go to, and sending them: one e-mail per address (staff reminders of 我要留言,
依申请公开 …). ``Recipients`` looks addresses up once per run, however many cases need a reminder."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

from .models import Role, Unit


def _addresses(users):
    return sorted(set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True)))


def unit_handlers(unit):
    """Everyone with a role in the unit who has an e-mail address."""
    return _addresses(get_user_model().objects.filter(unit_memberships__unit=unit))


def county_heads():
    return _addresses(
        get_user_model().objects.filter(unit_memberships__unit__kind=Unit.Kind.COUNTY, unit_memberships__role=Role.HEAD)
    )


def send_each(subject, body, recipients, connection):
    """The same message to each address separately (nobody sees the others); returns how many went."""
    messages = [EmailMessage(subject, body, to=[address], connection=connection) for address in recipients]
    if messages:
        connection.send_messages(messages)
    return len(messages)


class Recipients:
    """Addresses looked up once per run."""

    def __init__(self):
        self._units = {}
        self._county = None

    def unit(self, unit):
        if unit.pk not in self._units:
            self._units[unit.pk] = unit_handlers(unit)
        return self._units[unit.pk]

    def county(self):
        if self._county is None:
            self._county = county_heads()
        return self._county
