"""Bad input that raised 500s: extreme dates, deeply nested JSON, a tampered admin post, Open311's error format."""

from .kit import form_data, open311_error, refused_in_chinese

# --- Low: bad input must be a Chinese 400, never a 500 -------------------------------------------------------


def check_search_page_extreme_date(context):
    response = context.browser().get("/search/", params={"q": "a", "end": "9999-12-31"})
    return refused_in_chinese(response), f"HTTP {response.status_code}"


def check_search_api_extreme_date(context):
    browser = context.browser()
    answers = [
        browser.get("/api/search/", params={"q": "a", key: value})
        for key, value in (("end", "9999-12-31"), ("start", "0001-01-01"))
    ]
    return all(refused_in_chinese(r) for r in answers), f"HTTP {[r.status_code for r in answers]}"


def check_open311_extreme_date(context):
    browser = context.browser()
    answers = [
        browser.get("/open311/v2/requests.json", params=p)
        for p in ({"start_date": "9999-12-31"}, {"end_date": "0001-01-01"})
    ]
    return all(open311_error(r, 400) for r in answers), f"HTTP {[r.status_code for r in answers]}"


def check_open311_deeply_nested_json(context):
    body = "[" * 100_000 + "]" * 100_000
    response = context.browser().post(
        "/open311/v2/requests.json", data=body, headers={"Content-Type": "application/json"}
    )
    return open311_error(response, 400), f"HTTP {response.status_code}"


def check_open311_errors_in_spec_format(context):
    browser = context.browser()
    answers = {
        "unknown path": (browser.get("/open311/v2/nothing-here.json"), 404),
        "wrong method": (browser.request("PUT", "/open311/v2/requests.json"), 405),
        "unknown service": (browser.get("/open311/v2/services/no-such.json"), 404),
        "no key": (browser.post("/open311/v2/requests.json", data={"service_code": "x"}), 403),
    }
    wrong = [f"{name}: {r.status_code}" for name, (r, status) in answers.items() if not open311_error(r, status)]
    return not wrong, "; ".join(wrong)


def check_admin_edit_post_without_body_count(context):
    from townsquare.publishing.models import NewsPage

    browser = context.browser()
    browser.login("admin")
    page = NewsPage.objects.live().first()
    url = f"/admin/pages/{page.pk}/edit/"
    _, data = form_data(browser.get(url).text, "title")
    data.pop("body-count", None)
    response = browser.post(url, data=data)
    return refused_in_chinese(response), f"HTTP {response.status_code}"
