"""Masking residents' personal data on the way out to public pages and public APIs.

The original stays stored for staff; only what the public sees is masked.

Matching runs on the NFKC form of the text (full-width digits and ＠, separators such as
"138.1234.5678" or "138 1234 5678", letters touching an ID number); what is not masked keeps
its original spelling.

Public service numbers stay visible: a staff reply that says "请拨打0731-12345678（镇政府）"
or "12345热线" must keep the unit's own number, while a resident's number in the same text
is masked. The allow-list is a set of digit strings (and e-mail addresses) kept by
``keep`` (``mask_text(..., keep=...)``) or, when ``keep`` is not given, the union of what the
registered providers return (an app that knows public numbers, e.g. the units' own contact
numbers, registers a provider with ``register_public_contacts``); a landline is also kept when a
unit published only its local part. Core does not know units;
providers are expected to be cheap (cached).
"""

import re
import unicodedata

# Between the groups of a phone number: a hyphen, a dot or a space (NFKC makes －, ．and the wide space these).
SEP = r"[-. ]?"
# An 18-digit ID number (last may be X) or an old 15-digit one, not inside a longer run of digits;
# letters may touch it ("sfz110101…").
ID_NUMBER = re.compile(r"(?<![0-9])(\d{6})(\d{8}|\d{6})(\d{3}[\dXx]|\d{1})(?![0-9])")
MOBILE = re.compile(rf"(?<!\d)(?:\+?86{SEP})?(1[3-9]\d){SEP}(\d{{4}}){SEP}(\d{{4}})(?!\d)")
LANDLINE = re.compile(rf"(?<!\d)(0\d{{2,3}}){SEP}(\d{{3,4}}){SEP}(\d{{4}})(?!\d)")
EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
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
    text = unicodedata.normalize("NFKC", text or "")
    keys = {_mobile_digits(m) for m in MOBILE.finditer(text)}
    keys |= {_landline_digits(m) for m in LANDLINE.finditer(text)}
    keys |= {m.group(0).lower() for m in EMAIL_ADDRESS.finditer(text)}
    keys |= set(DIGIT_RUN.findall(text))
    return keys


def _mobile_digits(match):
    return "".join(match.groups())


def _landline_digits(match):
    return "".join(match.groups())


def _kept_landline(match, keep):
    # A unit may publish its number without the area code ("6011008"): the local part counts too.
    return _landline_digits(match) in keep or match.group(2) + match.group(3) in keep


def normalized(text):
    """``text`` with each character in its NFKC form where that is one character (１→1, ＠→@, －→-).

    Same length as ``text``, so a match found here has the same span in the original.
    """
    if text.isascii():
        return text
    return "".join(_one_char_nfkc(char) for char in text)


def _one_char_nfkc(char):
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def _sub(pattern, replace, original, shadow):
    """Replace ``pattern``'s matches in ``shadow`` (the normalized text) and the same spans of ``original``.

    ``replace(match)`` gives the new text, or None to leave the original as it was.
    Returns the new (original, shadow) pair.
    """
    out, out_shadow, last = [], [], 0
    for match in pattern.finditer(shadow):
        new = replace(match)
        if new is None:
            continue
        start, end = match.span()
        out += [original[last:start], new]
        out_shadow += [shadow[last:start], new]
        last = end
    if not out:
        return original, shadow
    out.append(original[last:])
    out_shadow.append(shadow[last:])
    return "".join(out), "".join(out_shadow)


# How many digits stay visible at each end of a masked number: 110***********1234, 138****5678, 6222 **** **** 1234.
KEEP_DIGITS = {"id_number": (3, 4), "mobile": (3, 4), "bank_card": (4, 4)}


def mask_digits(text: str, head: int, tail: int) -> str:
    """Replace every digit (and a final X of an ID number) of ``text`` but the first ``head`` and last ``tail`` with *.

    Separators and the length stay as they were ("138 1234 5678" → "138 **** 5678"), so the masked
    text can replace the original inside a document without moving anything else.
    """
    positions = [i for i, char in enumerate(normalized(text)) if char.isdigit() or char in "Xx"]
    hidden = set(positions[head : len(positions) - tail])
    return "".join("*" if i in hidden else char for i, char in enumerate(text))


def mask_number(kind: str, text: str) -> str:
    """``text`` (an ID, mobile or bank card number in any spelling) masked the way public pages show it."""
    head, tail = KEEP_DIGITS[kind]
    return mask_digits(text, head, tail)


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
    # Matching runs on the NFKC form (full-width digits, ＠); what is not masked keeps its original spelling.
    shadow = normalized(text)
    text, shadow = _sub(
        ID_NUMBER, lambda m: m.group(1)[:3] + "*" * (len(m.group(0)) - 7) + m.group(0)[-4:], text, shadow
    )
    text, shadow = _sub(
        MOBILE, lambda m: None if _mobile_digits(m) in keep else f"{m.group(1)}****{m.group(3)}", text, shadow
    )
    text, shadow = _sub(
        LANDLINE, lambda m: None if _kept_landline(m, keep) else f"{m.group(1)}-****{m.group(3)}", text, shadow
    )
    text, shadow = _sub(
        EMAIL, lambda m: None if m.group(0).lower() in keep else f"{m.group(1)}***@{m.group(2)}", text, shadow
    )
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text
