"""Masking residents' personal data on the way out to public pages and public APIs.

The original stays stored for staff; only what the public sees is masked.

Public service numbers stay visible: a staff reply that says "请拨打0731-12345678（镇政府）"
or "12345热线" must keep the unit's own number, while a resident's number in the same text
is masked. The allow-list is a set of digit strings (and e-mail addresses) kept by
``keep`` (``mask_text(..., keep=...)``) or, when ``keep`` is not given, the union of what the
registered providers return (an app that knows public numbers, e.g. the units' own contact
numbers, registers a provider with ``register_public_contacts``). Core does not know units;
providers are expected to be cheap (cached).
"""

import re

# An 18-digit ID number (last may be X) or an old 15-digit one, not inside a longer run of digits.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{6})(\d{3}[\dXx]|\d{1})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?(\d{3,4})(\d{4})(?!\d)")
EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
DIGIT_RUN = re.compile(r"\d+")

_providers = []


def register_public_contacts(provider):
    """Add a callable returning public phone numbers / e-mail addresses that ``mask_text`` leaves visible."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def public_contacts():
    """The allow-list from every registered provider, as a frozenset of digit strings and lower-case e-mails."""
    if not _providers:
        return frozenset()
    if len(_providers) == 1:
        return frozenset(_providers[0]())
    keep = set()
    for provider in _providers:
        keep.update(provider())
    return frozenset(keep)


def contact_keys(text):
    """What of a published contact text (a unit's "0731-1234567，12345") goes on the allow-list.

    Every phone-like number found in it (in the digits ``mask_text`` compares), every e-mail
    address, and every short digit run (hotlines such as 12345, 110).
    """
    text = text or ""
    keys = {_mobile_digits(m) for m in MOBILE.finditer(text)}
    keys |= {_landline_digits(m) for m in LANDLINE.finditer(text)}
    keys |= {m.group(0).lower() for m in re.finditer(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", text)}
    keys |= set(DIGIT_RUN.findall(text))
    return keys


def _mobile_digits(match):
    return "".join(match.groups())


def _landline_digits(match):
    return "".join(match.groups())


def mask_name(name: str) -> str:
    """张三丰 → 张**; a single character stays as *."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1) if len(name) > 1 else "*"


def mask_text(text: str, names=(), keep=None) -> str:
    """Mask ID numbers, phone numbers, e-mail addresses and the given full names inside free text.

    Numbers and addresses on the allow-list (``keep``, else the registered providers') stay visible.
    """
    if not text:
        return text or ""
    if keep is None:
        keep = public_contacts()
    text = ID_NUMBER.sub(lambda m: m.group(1)[:3] + "*" * (len(m.group(0)) - 7) + m.group(0)[-4:], text)
    text = MOBILE.sub(
        lambda m: m.group(0) if _mobile_digits(m) in keep else f"{m.group(1)}****{m.group(3)}",
        text,
    )
    text = LANDLINE.sub(
        lambda m: m.group(0) if _landline_digits(m) in keep else f"{m.group(1)}-****{m.group(3)}",
        text,
    )
    text = EMAIL.sub(lambda m: m.group(0) if m.group(0).lower() in keep else f"{m.group(1)}***@{m.group(2)}", text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text
