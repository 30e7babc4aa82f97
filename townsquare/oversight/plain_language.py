"""Plain-language advice (说人话) for editors: stock officialese, long titles and sentences, no summary.

Advice only: nothing here blocks saving or publishing. The same checks run on the text an editor is
working on (the page editor shows them) and on recent drafts and publications (the dashboard).
"""

import html
import re
from dataclasses import dataclass

from django.conf import settings

TAG = re.compile(r"<[^>]+>")
# A sentence ends at a Chinese or Western full stop, question or exclamation mark, or a semicolon.
SENTENCE_END = re.compile(r"[。！？!?；;]+|\n+")
SPACES = re.compile(r"\s+")

DEFAULT_STOCK_PHRASES = (
    "高度重视",
    "进一步加强",
    "切实做好",
    "认真贯彻落实",
    "全面推进",
    "扎实推进",
    "深入贯彻",
    "不断提升",
    "积极稳妥",
    "统筹推进",
    "狠抓落实",
    "取得了明显成效",
    "取得阶段性成效",
    "具有重要意义",
    "提高政治站位",
    "压紧压实",
    "形成合力",
    "营造良好氛围",
    "推动各项工作",
    "确保取得实效",
)


@dataclass(frozen=True)
class Advice:
    code: str
    message: str


def html_to_text(value):
    """Visible text of an HTML fragment (tags dropped, entities decoded, paragraphs as line breaks)."""
    value = re.sub(r"</(p|h2|h3|li|div)>|<br\s*/?>", "\n", value or "", flags=re.IGNORECASE)
    return html.unescape(TAG.sub("", value))


def body_text(body):
    """The readable text of a StreamField value: a StreamValue, or its raw JSON (list of blocks)."""
    raw = getattr(body, "raw_data", body)
    if isinstance(raw, str):
        import json

        try:
            raw = json.loads(raw)
        except ValueError:
            return html_to_text(raw)
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(html_to_text(value))
        elif isinstance(value, dict):
            if "type" in value and "value" in value:
                walk(value["value"])
            else:
                for key, item in value.items():
                    if key not in ("image", "id", "type"):
                        walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(list(raw or []))
    return "\n".join(part for part in parts if part.strip())


def sentences(text):
    return [SPACES.sub("", piece) for piece in SENTENCE_END.split(text or "") if piece.strip()]


def advise(title="", summary=None, text=""):
    """Advice for one piece of writing. ``summary=None`` means the page has no summary field at all."""
    advice = []
    title = (title or "").strip()
    title_limit = settings.OVERSIGHT_TITLE_MAX_CHARS
    if len(title) > title_limit:
        advice.append(
            Advice(
                "long_title",
                f"标题有{len(title)}个字，建议不超过{title_limit}个字：先说跟谁有关、什么事，细节放到正文里。",
            )
        )
    if summary is not None and not summary.strip():
        advice.append(Advice("no_summary", "没有摘要：用一两句大白话说清跟谁有关、要做什么、从什么时候起。"))
    phrases = settings.OVERSIGHT_STOCK_PHRASES or DEFAULT_STOCK_PHRASES  # an empty setting: the built-in list
    found = [phrase for phrase in phrases if phrase in title or phrase in (summary or "") or phrase in text]
    if found:
        advice.append(
            Advice(
                "stock_phrases",
                f"有官话套话：{'、'.join(f'“{p}”' for p in found)}。建议换成具体的事：谁、做了什么、群众能得到什么。",
            )
        )
    limit = settings.OVERSIGHT_SENTENCE_MAX_CHARS
    long = [s for s in sentences(f"{summary or ''}\n{text}") if len(s) > limit]
    if long:
        first = long[0]
        advice.append(
            Advice(
                "long_sentences",
                f"有{len(long)}句话超过{limit}个字（如“{first[:20]}……”，{len(first)}字），建议拆成几句短话。",
            )
        )
    return advice


def advise_page(page):
    """Advice for a page object (saved or being edited): title, summary if it has one, body text."""
    summary = getattr(page, "summary", None)
    body = getattr(page, "body", None)
    return advise(page.title, summary, body_text(body) if body is not None else "")


def advise_revision_content(content, has_summary):
    """Advice from a revision's stored content (a dict as Wagtail keeps it), e.g. for drafts."""
    summary = content.get("summary", "") if has_summary else None
    return advise(content.get("title", ""), summary, body_text(content.get("body") or []))
