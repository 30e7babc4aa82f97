"""Attacks on residents' data: another resident's bookings (High 1), masking (4), Open311 limits (6), guessing the
query password (7), erasure of contacts."""

import json
import re
import secrets
from urllib.parse import urljoin

from .kit import OPEN311_KEY, flat, form_data, open311_error, staff

# --- High 1: another resident's bookings ---------------------------------------------------------------------


def _book(browser, service, phone, name, day_index=0):
    """Book the first free slot of the day_index-th bookable day; returns the booking code."""
    from townsquare.appointments.models import Booking

    page = browser.get(f"/yuyue/s/{service.pk}/")
    days = list(dict.fromkeys(re.findall(r'href="\?day=(\d{4}-\d{2}-\d{2})', page.text)))
    url = f"/yuyue/s/{service.pk}/?day={days[day_index]}"
    html = browser.get(url).text
    slot = re.search(r'name="slot"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="slot"', html)
    action, data = form_data(html, "phone")
    data.update(slot=next(g for g in slot.groups() if g), name=name, phone=phone, email="", homepage="")
    response = browser.post(urljoin(url, action or url), data=data)
    assert response.status_code == 302, f"booking refused: {response.status_code}"
    code = re.search(r"/b/([^/?#]+)/", response.headers["Location"]).group(1)
    return Booking.objects.get(code=code)


def _bookings(context):
    if "bookings" not in context.shared:
        from townsquare.appointments.models import BookableService

        services = list(BookableService.objects.filter(active=True).order_by("pk")[:2])
        victim = context.browser()
        phone = "13900007788"
        own = [_book(victim, services[0], phone, "王秀兰", 0), _book(victim, services[-1], phone, "王秀兰", 1)]
        intruder = context.browser()
        theirs = _book(intruder, services[0], phone, "李四", 2)
        context.shared["bookings"] = (victim, own, intruder, theirs)
    return context.shared["bookings"]


def check_booking_same_phone_lists_nothing(context):
    _, own, intruder, theirs = _bookings(context)
    html = intruder.get(f"/yuyue/b/{theirs.code}/").text
    shown = [b.code for b in own if b.code in html or b.display_code in html]
    return not shown, f"the intruder's booking page lists the victim's bookings {shown}"


def check_booking_same_phone_cannot_open(context):
    _, own, intruder, _ = _bookings(context)
    codes = [b.code for b in own if intruder.get(f"/yuyue/b/{b.code}/").status_code == 200]
    codes += [b.code for b in own if intruder.get(f"/yuyue/b/{b.code}/calendar.ics").status_code == 200]
    return not codes, f"the intruder opened {codes}"


def check_booking_same_phone_cannot_cancel(context):
    from townsquare.appointments.models import Booking

    _, own, intruder, _ = _bookings(context)
    intruder.post(f"/yuyue/b/{own[0].code}/cancel/", data={})
    status = Booking.objects.get(pk=own[0].pk).status
    return status == Booking.Status.BOOKED, f"the victim's booking is now {status}"


def check_booking_same_phone_cannot_move(context):
    from townsquare.appointments.models import Booking, Slot

    _, own, intruder, _ = _bookings(context)
    target = Slot.objects.filter(service=own[1].slot.service).exclude(pk=own[1].slot_id).order_by("-day").first()
    intruder.post(f"/yuyue/b/{own[1].code}/move/", data={"day": target.day.isoformat(), "slot": str(target.pk)})
    slot = Booking.objects.get(pk=own[1].pk).slot_id
    return slot == own[1].slot_id, "the victim's booking was moved"


def check_booking_code_with_wrong_digits(context):
    _, own, _, _ = _bookings(context)
    stranger = context.browser()
    stranger.form("/yuyue/chaxun/", "phone_tail", code=own[0].code, phone_tail="0000")
    opened = stranger.get(f"/yuyue/b/{own[0].code}/").status_code == 200
    return not opened, "the booking opened with wrong last four digits"


# --- Medium 4: masking on /liuyan/public/ and in Open311 -----------------------------------------------------

# (name, as written by the resident, what must never be readable on a public page once normalised)
SPELLINGS = [
    ("id-number-next-to-letters", "sfz110101199003071234", "19900307"),
    ("full-width-mobile", "１３８１２３４５６７８", "1381234"),
    ("full-width-at-email", "lixiaohong＠example.com", "lixiaohong"),
    ("dotted-mobile", "139.1234.6789", "1391234"),
    ("spaced-mobile", "137 1234 7890", "1371234"),
]
PERSONAL_TEXT = "我叫李晓红，东街口的路灯坏了一个星期，请尽快修。联系我：" + "，".join(s[1] for s in SPELLINGS) + "。"


def _submit_web_request(context, browser, details, phone, public="yes"):
    """File a request through /liuyan/ as a resident; returns (tracking number, query password)."""
    page = browser.get("/liuyan/")
    action, data = form_data(page.text, "details")
    category = re.search(r'<option value="(\d+)"', page.text.split('name="category"', 1)[1]).group(1)
    data.update(
        request_type="help",
        category=category,
        title="东街口路灯不亮",
        details=details,
        contact_name="李晓红",
        contact_phone=phone,
        contact_email="",
        is_public=public,
        homepage="",
    )
    response = browser.post(urljoin(page.url, action or "/liuyan/"), data=data)
    assert response.status_code == 302, f"the request form refused ({response.status_code})"
    number = re.search(r"/(\d{8,20})/", response.headers["Location"]).group(1)
    done = browser.get(response.headers["Location"]).text
    password = re.search(r'class="num ticket-value">(\d{6})<', done)
    return number, password.group(1) if password else None


def _open311_post(browser, key=OPEN311_KEY, **changes):
    data = {
        "api_key": key,
        "service_code": _service_code(),
        "lat": "30.2741500001",
        "long": "120.1551500001",
        "address_string": "东街与人民路交叉口",
        "first_name": "小明",
        "last_name": "王",
        "phone": "139 0000 1111",
        "description": "东街口的路灯坏了一个星期，晚上很黑，老人走路容易摔倒，请尽快修。",
        "attribute[request_type]": "help",
        "attribute[title]": "东街路灯不亮",
    }
    data.update(changes)
    return browser.post("/open311/v2/requests.json", data={k: v for k, v in data.items() if v is not None})


def _service_code():
    from townsquare.resident_requests.models import Category

    return Category.objects.filter(active=True).order_by("pk").values_list("code", flat=True).first()


def _published_personal_requests(context):
    """One web and one Open311 request holding every spelling, accepted and answered by their unit (as the demo
    does, through ``handling``)."""
    if "personal" in context.shared:
        return context.shared["personal"]
    from townsquare.resident_requests import handling
    from townsquare.resident_requests.models import ResidentRequest

    web, _ = _submit_web_request(context, context.browser(), PERSONAL_TEXT, "13600001234")
    answer = _open311_post(context.browser(), description=PERSONAL_TEXT, phone="13500001234")
    assert answer.status_code == 200, f"Open311 refused the request ({answer.status_code}: {answer.text[:200]})"
    api = answer.json()[0].get("service_request_id") or answer.json()[0].get("token")
    numbers = [web, api]
    actor = staff("admin")
    for number in numbers:
        request = ResidentRequest.objects.get(tracking_number=number)
        handling.accept(request, actor)
        handling.answer(ResidentRequest.objects.get(pk=request.pk), "已修好，谢谢您的反映。", actor)
    reader = context.browser()
    pages = {
        "/liuyan/public/": reader.get("/liuyan/public/").text,
        "/open311/v2/requests.json": reader.get("/open311/v2/requests.json").text,
    }
    for number in numbers:
        for path in (
            f"/liuyan/public/{number}/",
            f"/open311/v2/requests/{number}.json",
            f"/open311/v2/requests/{number}.xml",
        ):
            response = reader.get(path)
            assert response.status_code == 200, f"{path}: {response.status_code}, not published"
            pages[path] = response.text
    context.shared["personal"] = (numbers, pages)
    return context.shared["personal"]


def check_masking(context):
    _, pages = _published_personal_requests(context)
    rows = []
    for name, written, secret in SPELLINGS:
        seen = [path for path, text in pages.items() if secret in flat(json_text(text))]
        rows.append((name, not seen, f"“{written}” readable on {seen}"))
    return rows


def json_text(text):
    """JSON escapes (\\uXXXX) undone, so a masked number is compared as shown."""
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return text


def check_open311_coordinates_rounded(context):
    _, pages = _published_personal_requests(context)
    rows = json.loads(pages["/open311/v2/requests.json"])
    precise = [
        f"{r.get('lat')},{r.get('long')}"
        for r in rows
        if any(len(str(r.get(axis) or "").partition(".")[2]) > 3 for axis in ("lat", "long"))
    ]
    return bool(rows) and not precise, f"exact coordinates published: {precise[:3]}"


# --- Medium 5: search suggestions ----------------------------------------------------------------------------

POISON = "社保卡补领 加微信shebao8888领补贴"


def check_search_suggestion_poisoning(context):
    for _ in range(3):
        context.browser().get("/search/", params={"q": POISON})
        context.browser().get("/api/search/", params={"q": POISON})
    reader = context.browser()
    offered = []
    for prefix in ("社保卡", "社保卡补领", "社保", "sbk"):
        response = reader.get("/api/search/suggest/", params={"q": prefix})
        offered += [s for s in response.json().get("suggestions", []) if "shebao8888" in s or "加微信" in s]
    return not offered, f"suggested to everyone: {offered}"


# --- Medium 6: Open311 writes without limits -----------------------------------------------------------------


def _flood_key(context):
    from townsquare.resident_requests.models import ApiKey

    return ApiKey.objects.create(name="被提取的App密钥", key=f"leaked-{secrets.token_hex(8)}")


def check_open311_flood_per_key(context):
    from django.conf import settings

    key = _flood_key(context).key
    limit = settings.OPEN311_RATE_LIMIT_PER_KEY_HOUR
    statuses = [
        _open311_post(context.browser(), key=key, phone=f"1390001{n:04d}").status_code for n in range(limit + 1)
    ]
    last = _open311_post(context.browser(), key=key, phone="13900019999")
    return open311_error(last, 429), f"{statuses.count(200)} accepted, then HTTP {last.status_code}"


def check_open311_flood_per_address(context):
    from django.conf import settings

    key, browser = _flood_key(context).key, context.browser()
    answers = [
        _open311_post(browser, key=key, phone=f"1390002{n:04d}")
        for n in range(settings.OPEN311_RATE_LIMIT_PER_IP_HOUR + 1)
    ]
    return open311_error(answers[-1], 429), f"HTTP {[r.status_code for r in answers]}"


def check_open311_flood_per_contact(context):
    from django.conf import settings

    key = _flood_key(context).key
    answers = [
        _open311_post(context.browser(), key=key, phone="13900039999")
        for _ in range(settings.REQUEST_RATE_LIMIT_PER_CONTACT_DAY + 1)
    ]
    return open311_error(answers[-1], 429), f"HTTP {[r.status_code for r in answers]}"


def check_open311_revoked_key(context):
    key = _flood_key(context)
    key.revoke()
    key.active = True  # ticked active again in the admin: still refused
    key.save()
    response = _open311_post(context.browser(), key=key.key, phone="13900048888")
    return open311_error(response, 403), f"HTTP {response.status_code}"


# --- Medium 7: query password guessing -----------------------------------------------------------------------


def _resident_request(context):
    if "resident" not in context.shared:
        number, password = _submit_web_request(context, context.browser(), "小区门口的水管漏水三天了。", "13700005566")
        context.shared["resident"] = (number, password)
    return context.shared["resident"]


def check_query_password_guessing(context):
    """30 wrong guesses from 30 addresses (spread over every worker), then the right password alone."""
    number, password = _resident_request(context)
    for n in range(30):
        context.browser().form("/liuyan/query/", "tracking_number", tracking_number=number, password=f"{n:06d}")
    attacker = context.browser()
    attacker.form("/liuyan/query/", "tracking_number", tracking_number=number, password=password)
    opened = attacker.get(f"/liuyan/query/{number}/").status_code == 200
    return not opened, "the right password alone opened the request after 30 wrong guesses"


def check_query_lockout_keeps_the_resident_out(context):
    """After the guessing above, the resident with the password and the phone's last four digits still gets in."""
    number, password = _resident_request(context)
    resident = context.browser()
    resident.form("/liuyan/query/", "tracking_number", tracking_number=number, password=password, phone_last4="5566")
    opened = resident.get(f"/liuyan/query/{number}/").status_code == 200
    return opened, "the rightful resident is locked out"


def check_query_lockout_wrong_digits(context):
    number, password = _resident_request(context)
    attacker = context.browser()
    attacker.form("/liuyan/query/", "tracking_number", tracking_number=number, password=password, phone_last4="0000")
    opened = attacker.get(f"/liuyan/query/{number}/").status_code == 200
    return not opened, "wrong last four digits opened the request"


def check_query_password_not_kept_in_sessions(context):
    from django.contrib.sessions.models import Session

    _, password = _resident_request(context)
    holding = [s.pk[:6] for s in Session.objects.all() if password in json.dumps(s.get_decoded())]
    return password and not holding, f"sessions holding the password: {holding}"


def check_erasure_needs_number_and_password(context):
    from townsquare.resident_requests.models import ResidentRequest

    numbers, _ = _published_personal_requests(context)
    stranger = context.browser()
    stranger.get(f"/liuyan/query/{numbers[0]}/")
    stranger.post(f"/liuyan/query/{numbers[0]}/erase/", data={})
    phone = ResidentRequest.objects.get(tracking_number=numbers[0]).contact_phone
    return bool(phone), "a browser without the query password erased the contacts"
