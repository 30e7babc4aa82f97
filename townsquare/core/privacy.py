"""Masking residents' personal data on the way out to public pages and public APIs.

The original stays stored for staff; only what the public sees is masked.
"""

import re

# An 18-digit ID number (last may be X) or an old 15-digit one, not inside a longer run of digits.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{6})(\d{3}[\dXx]|\d{1})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?(\d{3,4})(\d{4})(?!\d)")
EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def mask_name(name: str) -> str:
    """张三丰 → 张**; a single character stays as *."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1) if len(name) > 1 else "*"


def mask_text(text: str, names=()) -> str:
    """Mask ID numbers, phone numbers, e-mail addresses and the given full names inside free text."""
    if not text:
        return text or ""
    text = ID_NUMBER.sub(lambda m: m.group(1)[:3] + "*" * (len(m.group(0)) - 7) + m.group(0)[-4:], text)
    text = MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)
    text = EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text
