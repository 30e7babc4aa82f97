"""What every replayed attack uses: a browser from one address that records server errors, form filling, checks of
the refusals' shape."""

import re
import unicodedata
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

DEMO_PASSWORD = "demo-pass-2026"  # townsquare/demo/content/staff.py
OPEN311_KEY = "demo-open311-key"  # townsquare/demo/content/requests.py
CHINESE = re.compile(r"[\u4e00-\u9fff]")
_addresses = iter(f"198.51.{a}.{b}" for a in range(100) for b in range(1, 255))


class Context:
    def __init__(self, base, var_dir):
        self.base = base
        self.var_dir = Path(var_dir)
        self.server_errors = []
        self.notes = []
        self.shared = {}

    def browser(self, address=None):
        return Browser(self, address or next(_addresses))


class Browser:
    """A browser from one address: keeps cookies, sends the CSRF token the way a page's form or script would."""

    def __init__(self, context, address):
        self.context = context
        self.address = address
        self.session = requests.Session()
        self.session.headers.update({"X-Real-IP": address, "User-Agent": "Mozilla/5.0 (attack replay)"})

    def request(self, method, path, **kwargs):
        url = urljoin(self.context.base, path)
        headers = kwargs.pop("headers", {})
        if method != "GET" and "csrftoken" in self.session.cookies:
            headers.setdefault("X-CSRFToken", self.session.cookies["csrftoken"])
            headers.setdefault("Referer", url)
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 120)
        response = self.session.request(method, url, headers=headers, **kwargs)
        for step in [*response.history, response]:
            if step.status_code >= 500:
                self.context.server_errors.append(f"{method} {path} → {step.status_code}")
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def form(self, path, has_field, **changes):
        """GET ``path``, fill the form holding ``has_field`` with its own values and ``changes``; POST it."""
        page = self.get(path)
        action, data = form_data(page.text, has_field)
        files = changes.pop("_files", None)
        data.update(changes)
        return self.post(urljoin(page.url, action or path), data=data, files=files)

    def login(self, username, password=DEMO_PASSWORD, path="/admin/login/"):
        return self.form(path, "username", username=username, password=password)

    def logged_in(self):
        return self.get("/admin/").status_code == 200


def form_data(html, has_field):
    """(action, fields) of the first form with a field named ``has_field``, as a browser would send it."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        if not form.find(attrs={"name": has_field}):
            continue
        data = {}
        for field in form.find_all(["input", "textarea", "select"]):
            name = field.get("name")
            kind = (field.get("type") or "text").lower()
            if not name or field.has_attr("disabled") or kind in ("submit", "button", "file", "image"):
                continue
            if field.name == "textarea":
                data[name] = field.text.removeprefix("\n")
            elif field.name == "select":
                chosen = field.find("option", selected=True) or field.find("option")
                data[name] = chosen.get("value", chosen.text) if chosen else ""
            elif kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
            else:
                data[name] = field.get("value", "")
        return form.get("action") or "", data
    raise AssertionError(f"no form with a field {has_field!r}")


def flat(text):
    """The text as a reader of the page sees the digits: NFKC, without the separators people put in numbers."""
    return re.sub(r"[\s.\-·()（）]", "", unicodedata.normalize("NFKC", text)).lower()


def refused_in_chinese(response, status=400):
    return response.status_code == status and bool(CHINESE.search(response.text))


def open311_error(response, status):
    """The spec's error format: a JSON list of {code, description}."""
    try:
        errors = response.json()
    except ValueError:
        return False
    return (
        response.status_code == status
        and isinstance(errors, list)
        and bool(errors)
        and all(e.get("code") == status and e.get("description") for e in errors)
    )


def staff(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
