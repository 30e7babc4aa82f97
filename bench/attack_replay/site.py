"""What any visitor can observe on every page: headers, caching of residents' pages, sessions, Open311 tokens,
the privacy notice beside forms, duplicate listing posts; and the modes of the files the deployment wrote."""

import re
import stat
import threading
from datetime import date, timedelta

from .kit import form_data, open311_error
from .residents import _bookings, _resident_request

ERROR_TEXT = re.compile(r'class="[^"]*error[^"]*"[^>]*>([^<]{2,80})<')


def check_content_security_policy(context):
    response = context.browser().get("/liuyan/")
    policy = response.headers.get("Content-Security-Policy", "")
    scripts = policy.split("script-src")[1].split(";")[0] if "script-src" in policy else ""
    inline = re.findall(r"<script(?![^>]*\bnonce=)(?![^>]*\bsrc=)[^>]*>", response.text)
    blocked = "'self'" in scripts and "unsafe-inline" not in scripts and not inline
    return blocked, f"script-src: {scripts.strip() or '(none)'}; inline scripts without nonce: {len(inline)}"


def check_permissions_policy(context):
    header = context.browser().get("/liuyan/").headers.get("Permissions-Policy", "")
    return "camera=()" in header and "microphone=()" in header, f"Permissions-Policy: {header or '(none)'}"


def check_residents_pages_not_stored(context):
    victim, own, _, _ = _bookings(context)
    number, password = _resident_request(context)
    resident = context.browser()
    resident.form("/liuyan/query/", "tracking_number", tracking_number=number, password=password)
    pages = {
        f"/yuyue/b/{own[0].code}/": victim,
        f"/yuyue/b/{own[0].code}/calendar.ics": victim,
        f"/liuyan/query/{number}/": resident,
        f"/liuyan/done/{number}/": resident,
    }
    stored = []
    for path, browser in pages.items():
        response = browser.get(path)
        if response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", ""):
            stored.append(path)
    listing = context.shared.get("listing_manage")
    if listing:
        response = listing[0].get(listing[1])
        if "no-store" not in response.headers.get("Cache-Control", ""):
            stored.append(listing[1])
    return not stored, f"without Cache-Control: no-store: {stored}"


def check_anonymous_look_creates_no_session(context):
    from django.contrib.sessions.models import Session

    before = Session.objects.count()
    browser = context.browser()
    for _ in range(3):
        browser.session.cookies.clear()
        browser.get("/liuyan/")
    after = Session.objects.count()
    cookie = "sessionid" in browser.session.cookies
    return after == before and not cookie, f"session rows {before} → {after}, session cookie set: {cookie}"


def check_open311_token_of_private_request(context):
    from townsquare.resident_requests.models import ResidentRequest

    private = ResidentRequest.objects.filter(is_public=False).order_by("pk").first()
    browser = context.browser()
    known = browser.get(f"/open311/v2/tokens/{private.tracking_number}.json")
    unknown = browser.get(f"/open311/v2/tokens/{private.tracking_number[:-4]}0000.json")
    same = (known.status_code, known.text.replace(private.tracking_number, "")) == (
        unknown.status_code,
        unknown.text.replace(private.tracking_number[:-4] + "0000", ""),
    )
    return same and open311_error(known, 404), f"private: {known.status_code}, unknown: {unknown.status_code}"


def check_privacy_notice_beside_forms(context):
    from django.urls import reverse

    from townsquare.appointments.models import BookableService

    service = BookableService.objects.filter(active=True).order_by("pk").first()
    browser = context.browser()
    day = re.search(r'href="\?day=([\d-]+)', browser.get(f"/yuyue/s/{service.pk}/").text).group(1)
    forms = ["/liuyan/", f"/yuyue/s/{service.pk}/?day={day}"]
    forms += [reverse(f"listings:{kind}_submit") for kind in ("jobs", "rentals")]
    missing = [path for path in forms if 'href="/yinsi/"' not in browser.get(path).text]
    notice = browser.get("/yinsi/")
    return not missing and notice.status_code == 200, f"forms without the notice link: {missing}"


def check_listing_sent_twice_at_once(context):
    """The same job posted four times at once (one submission key): every answer is the done page, one listing."""
    from django.urls import reverse

    from townsquare.listings.models import JobListing

    path = reverse("listings:jobs_submit")
    browser = context.browser()
    page = browser.get(path)
    action, data = form_data(page.text, "submission_key")
    town = re.search(r'<option value="(\d+)"', page.text.split('name="town"', 1)[1]).group(1)
    data.update(
        title="饭店帮厨（重复提交）",
        employer="老街土菜馆",
        job_kind="full_time",
        pay_min="3000",
        pay_max="3800",
        pay_period="month",
        openings="2",
        place="青禾镇老街18号",
        town=town,
        requirements="会切配，能早起。",
        closing_date=(date.today() + timedelta(days=20)).isoformat(),
        contact_name="刘老板",
        contact_phone="139 0999 0001",
        contact_email="",
        agree="on",
        homepage="",
    )
    answers = []

    def send():
        answers.append(browser.post(action or path, data=data))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status_code for r in answers)
    locations = {r.headers.get("Location") for r in answers}
    stored = JobListing.objects.filter(title="饭店帮厨（重复提交）").count()
    if locations and None not in locations:
        context.shared["listing_manage"] = (browser, next(iter(locations)))
    blocked = statuses == [302] * 4 and len(locations) == 1 and stored == 1
    said = {m.strip() for r in answers if r.status_code != 302 for m in ERROR_TEXT.findall(r.text)}
    return blocked, f"answers {statuses}, {len(locations)} different pages, {stored} listing(s) stored; said {said}"


def check_var_files_are_private(context):
    """Everything under the var folder except public static files and media: folders 0700, files 0600."""
    loose = []
    public = {context.var_dir / "static", context.var_dir / "media"}
    for path in [context.var_dir, *context.var_dir.rglob("*")]:
        if any(path == top or top in path.parents for top in public):
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            loose.append(f"{path.relative_to(context.var_dir.parent)} {mode:o}")
    top = f"{stat.S_IMODE(context.var_dir.stat().st_mode):o}"
    more = f" and {len(loose) - 6} more" if len(loose) > 6 else ""
    return not loose, f"var/ is {top}, but these are open to others: {', '.join(loose[:6])}{more}"
