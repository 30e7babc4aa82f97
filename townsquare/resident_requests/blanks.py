"""Blanks in reply templates: the places staff must fill in before an answer may go public.

A blank is written 【请填写：what goes here】 (or just 【请填写】), e.g. 【请填写：办理结果】. Inserting a
template puts its blanks into the reply box; :func:`handling.answer` refuses a reply that still holds
one, naming it, and the answer form lists the blanks left while staff type.
"""

import re

MARKER = "【请填写：{}】"
BLANK = re.compile(r"【\s*请填写\s*(?:[：:]\s*(?P<name>[^】]*?))?\s*】")


def unfilled_blanks(text) -> list[str]:
    """The blanks left in ``text``, as written (``【请填写：办理结果】``), in order, each once."""
    found = []
    for match in BLANK.finditer(text or ""):
        name = match.group("name")
        blank = MARKER.format(name) if name else "【请填写】"
        if blank not in found:
            found.append(blank)
    return found


def refusal(text) -> str:
    """Why ``text`` may not be published yet (in Chinese, naming the blanks), or "" when it may."""
    blanks = unfilled_blanks(text)
    if not blanks:
        return ""
    return f"答复里还有没填写的地方：{'、'.join(blanks)}。请换成实际内容后再发布。"
