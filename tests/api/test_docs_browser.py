"""The docs page draws every operation in a real browser under the site's CSP, asking nothing of other hosts."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_draws_the_operations_from_local_files_only(browser, live_server):
    page = browser.new_page()
    problems, hosts = [], set()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".opblock-summary", timeout=20_000)
    drawn = page.locator(".opblock-summary").count()
    page.close()
    assert (drawn, problems, hosts) == (12, [], {urlsplit(live_server.url).netloc})
