"""Saved WeChat article pages (as a browser saves them): title, original time, ids, body."""

import copy
import html
import re
from datetime import UTC, datetime

import lxml.html
from lxml import etree

from .items import Parsed, body_text, decode_text, identify, web_link
from .rejections import ItemError, Rejection

_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')
_JS_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")
_JS_VALUE = r"""\s*=\s*((?:\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*(?:\|\|)?)+)"""
_TITLE_SCRIPT = re.compile(r"document\.write\s*\(|navigator\.userAgent|^\s*if\s*\(\s*/")
_DOCUMENT_WRITE = re.compile(r"""document\.write\s*\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")
_SAVED_FROM = re.compile(r"<!-- saved from url=\(\d+\)(\S+?) -->")

PAGE_VARS = ("ct", "nickname", "msg_title", "msg_link", "msg_desc", "biz", "mid", "idx")
_PAGE_VAR = re.compile(r"var\s+(" + "|".join(PAGE_VARS) + r")\b" + _JS_VALUE)


def _js_unescape(value):
    def repl(match):
        code = match.group(1)
        if code[0] in "xu" and len(code) > 1:
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "r": ""}.get(code, code)

    return html.unescape(_JS_ESCAPE.sub(repl, value))


def js_vars(text):
    """The page's ``var name = "" || "value";`` values (last non-empty string of the first assignment)."""
    found = {}
    for match in _PAGE_VAR.finditer(text):
        name = match.group(1)
        start = match.start()
        if name in found or (start and (text[start - 1].isalnum() or text[start - 1] in "_$")):
            continue
        values = [a or b for a, b in _JS_STRING.findall(match.group(2))]
        values = [v for v in values if v]
        found[name] = _js_unescape(values[-1]).strip() if values else ""
    return found


def _first_text(tree, xpath):
    for node in tree.xpath(xpath):
        text = node if isinstance(node, str) else node.text_content()
        text = " ".join(text.split())
        if text:
            return text
    return ""


def _document(text):
    if not text.strip():
        raise ItemError(Rejection.EMPTY_PAGE)
    try:
        return lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    except (etree.ParserError, ValueError) as error:
        raise ItemError(Rejection.BROKEN_PAGE, error=error) from None


def _published_at(page_vars):
    ct = page_vars.get("ct", "")
    if not ct.isdigit():
        raise ItemError(Rejection.NO_TIME)
    return datetime.fromtimestamp(int(ct), tz=UTC)


def _title_element_text(tree):
    """The title element's text without its scripts (pages of about 2018 write the title with one)."""
    for node in tree.xpath('//*[@id="activity-name"]'):
        scripts = " ".join(script.text or "" for script in node.iter("script"))
        node = copy.deepcopy(node)
        etree.strip_elements(node, "script", "style", with_tail=False)
        text = " ".join(node.text_content().split()) or title_from_script(scripts)
        if text:
            return text
    return ""


def _title(tree, page_vars):
    title = (
        page_vars.get("msg_title", "")
        or _title_element_text(tree)
        or _first_text(tree, '//meta[@property="og:title"]/@content')
    )
    if not title:
        raise ItemError(Rejection.NO_PAGE_TITLE)
    return title


def looks_like_title_script(title):
    """True for a title taken from the inline script that writes the title for iOS."""
    return bool(_TITLE_SCRIPT.search(title))


def title_from_script(title):
    """The title an inline title script writes (its last ``document.write("…")``, without tags), or ""."""
    written = [a or b for a, b in _DOCUMENT_WRITE.findall(title)]
    for value in reversed(written):
        text = " ".join(lxml.html.fragment_fromstring(_js_unescape(value), create_parent="div").text_content().split())
        if text:
            return text
    return ""


def _url(tree, page_vars, text):
    url = page_vars.get("msg_link", "") or _first_text(tree, '//meta[@property="og:url"]/@content')
    if not url:
        saved_from = _SAVED_FROM.search(text[:2000])
        url = saved_from.group(1) if saved_from else ""
    return web_link(url)


def parse_wechat(data, path=None):
    """One saved WeChat article page (bytes) → Parsed; raises ItemError with the reason."""
    text = decode_text(data)
    tree = _document(text)
    body = tree.get_element_by_id("js_content", None)
    if body is None:
        raise ItemError(Rejection.NO_BODY)
    page_vars = js_vars(text)
    published_at = _published_at(page_vars)
    account = page_vars.get("nickname", "") or _first_text(tree, '//*[@id="js_name"]|//*[@id="post-user"]')
    summary = page_vars.get("msg_desc", "") or _first_text(tree, '//meta[@name="description"]/@content')
    parsed = Parsed(
        title=_title(tree, page_vars)[:255],
        published_at=published_at,
        body=body,
        url=_url(tree, page_vars, text),
        account_name=account[:80],
        summary=summary[:300],
        base_dir=path.parent if path else None,
    )
    parsed.key = identify(parsed, wx_ids=(page_vars.get("biz"), page_vars.get("mid"), page_vars.get("idx")))
    if not body_text(body).strip() and not body.xpath(".//img"):
        raise ItemError(Rejection.EMPTY_BODY)
    return parsed
