"""Public submission, e-mail verification, management code, moderation, reports, contact reveal, ICS."""

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from PIL import Image

from tests.helpers import login
from townsquare.listings.models import JobListing, RentalListing, Report, Source, Status

from . import factories as f

pytestmark = pytest.mark.django_db


def job_data(county, **extra):
    data = {
        "title": "饭店帮厨",
        "employer": "老街土菜馆",
        "job_kind": "full_time",
        "pay_min": "3000",
        "pay_max": "3800",
        "pay_period": "month",
        "openings": "2",
        "place": "青禾镇老街18号",
        "town": str(county.town_a.unit.pk),
        "requirements": "会切配，能早起。",
        "description": "",
        "closing_date": f.today(20).isoformat(),
        "contact_name": "刘老板",
        "contact_phone": "139 0999 0001",
        "contact_email": "",
        "agree": "on",
        "submission_key": "k" * 30,
    }
    data.update(extra)
    return data


def submit_job(client, county, **extra):
    return client.post(reverse("listings:jobs_submit"), job_data(county, **extra))


def management_code(client, response):
    page = client.get(response["Location"]).content.decode()
    match = re.search(r'id="management-code">([A-Z0-9]{10})<', page)
    assert match, page
    return match.group(1), page


def test_public_job_is_pending_until_approved(client, county):
    response = submit_job(client, county)
    assert response.status_code == 302
    job = JobListing.objects.get(title="饭店帮厨")
    assert (job.status, job.source, job.unit_id) == (Status.PENDING, Source.PUBLIC, None)
    assert job.contact_phone == "13909990001"
    code, page = management_code(client, response)
    assert job.reference in page
    assert job.check_management_code(code) and not job.check_management_code("WRONGCODE1")
    assert "饭店帮厨" not in client.get(reverse("listings:jobs_list")).content.decode()
    # the code is shown once only
    assert "management-code" not in client.get(response["Location"]).content.decode()

    job.approve()
    assert "饭店帮厨" in client.get(reverse("listings:jobs_list")).content.decode()


def test_errors_are_chinese_and_keep_what_was_typed(client, county):
    response = submit_job(client, county, pay_min="5000", pay_max="3000", contact_phone="123", title="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "工资上限不能低于下限" in html
    assert "电话号码不对" in html
    assert "请填写标题" in html
    assert "老街土菜馆" in html and "会切配，能早起。" in html
    assert not JobListing.objects.exists()


def test_honeypot_and_double_submit(client, county):
    assert submit_job(client, county, homepage="http://spam").status_code == 400
    assert not JobListing.objects.exists()
    first = submit_job(client, county)
    second = submit_job(client, county)
    assert first["Location"] == second["Location"]
    assert JobListing.objects.count() == 1


def test_a_job_sent_twice_at_once_shows_the_done_page_with_the_code(client, county, monkeypatch):
    from django.test import Client

    from townsquare.listings import submission

    submit_job(Client(), county)  # the first of the two; the browser threw its answer away
    # The second looked for the key before the first was stored, so it meets the unique key on saving.
    monkeypatch.setattr(submission, "already_received", lambda model, key: None)
    code, page = management_code(client, submit_job(client, county))
    assert JobListing.objects.get().check_management_code(code)


def test_submission_rate_limit(client, county, settings):
    settings.LISTINGS_SUBMITS_PER_IP_HOUR = 1
    assert submit_job(client, county, submission_key="a" * 30).status_code == 302
    response = submit_job(client, county, submission_key="b" * 30, title="第二个岗位")
    assert response.status_code == 429
    assert "第二个岗位" in response.content.decode()


def test_email_verification_code(client, county):
    response = submit_job(client, county, contact_email="boss@example.com")
    job = JobListing.objects.get()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["boss@example.com"]
    code = re.search(r"验证码是：(\d{6})", mail.outbox[0].body).group(1)
    client.get(response["Location"])
    wrong = "000000" if code != "000000" else "111111"
    bad = client.post(reverse("listings:verify", args=[job.reference]), {"code": wrong})
    assert bad.status_code == 400 and "验证码不对" in bad.content.decode()
    good = client.post(reverse("listings:verify", args=[job.reference]), {"code": code})
    assert good.status_code == 302
    job.refresh_from_db()
    assert job.email_verified and job.status == Status.PENDING  # still moderated


def test_management_code_renews_and_takes_down(client, county, settings):
    settings.LISTINGS_RENEW_DAYS = 30
    response = submit_job(client, county)
    code, _ = management_code(client, response)
    job = JobListing.objects.get()
    job.approve()
    other = client.__class__()
    bad = other.post(reverse("listings:manage"), {"reference": job.reference, "code": "AAAAAAAAAA"})
    assert bad.status_code == 400 and "管理码不对" in bad.content.decode()
    good = other.post(reverse("listings:manage"), {"reference": job.reference, "code": code.lower()})
    assert good.status_code == 302
    before = job.expires_at
    other.post(reverse("listings:manage_listing", args=[job.reference]), {"action": "renew"})
    job.refresh_from_db()
    assert (job.expires_at - before).days == 30 and job.renewed_count == 1
    other.post(reverse("listings:manage_listing", args=[job.reference]), {"action": "take_down"})
    job.refresh_from_db()
    assert job.status == Status.TAKEN_DOWN
    assert client.get(job.get_absolute_url()).status_code == 404


def test_wrong_codes_are_rate_limited(client, county, settings):
    settings.LISTINGS_CODE_FAILURES_PER_IP_HOUR = 2
    job = f.job(source=Source.PUBLIC)
    job.set_management_code()
    job.save()
    for _ in range(2):
        client.post(reverse("listings:manage"), {"reference": job.reference, "code": "AAAAAAAAAA"})
    response = client.post(reverse("listings:manage"), {"reference": job.reference, "code": "AAAAAAAAAA"})
    assert response.status_code == 429


def test_rejection_reason_reaches_the_submitter(client, county):
    response = submit_job(client, county)
    code, _ = management_code(client, response)
    job = JobListing.objects.get()
    moderator = county.county.editor
    login(client.__class__(), moderator)
    admin = client.__class__()
    login(admin, moderator)
    queue = admin.get(reverse("listings_moderation"))
    assert queue.status_code == 200 and "饭店帮厨" in queue.content.decode()
    admin.post(reverse("listings_moderate", args=["jobs", job.pk]), {"action": "reject", "reason": ""})
    job.refresh_from_db()
    assert job.status == Status.PENDING  # a rejection needs a reason
    admin.post(reverse("listings_moderate", args=["jobs", job.pk]), {"action": "reject", "reason": "工资写得不清楚"})
    job.refresh_from_db()
    assert job.status == Status.REJECTED
    page = client.get(reverse("listings:manage_listing", args=[job.reference])).content.decode()
    assert "工资写得不清楚" in page


def test_town_staff_cannot_moderate_but_post_directly(client, county):
    town_editor = county.town_a.editor
    login(client, town_editor)
    refused = client.get(reverse("listings_moderation"))  # Wagtail turns PermissionDenied into a redirect
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert "listings_moderate" not in refused.content.decode()
    job = f.job(status=Status.PENDING, source=Source.PUBLIC)
    client.post(reverse("listings_moderate", args=["jobs", job.pk]), {"action": "approve"})
    job.refresh_from_db()
    assert job.status == Status.PENDING
    add = client.get(reverse("wagtailsnippets_listings_joblisting:add"))
    assert add.status_code == 200


def test_unit_staff_post_is_approved_at_once(client, county):
    from wagtail.test.utils.form_data import querydict_from_html

    login(client, county.town_a.editor)
    url = reverse("wagtailsnippets_listings_joblisting:add")
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data.update(job_data(county))
    data["closing_date"] = f.today(5).isoformat()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    job = JobListing.objects.get(title="饭店帮厨")
    assert (job.status, job.source, job.unit_id) == (Status.APPROVED, Source.UNIT, county.town_a.unit.pk)
    assert job.is_live()


# --- reports and contacts ------------------------------------------------------------------------------


def test_report_is_private_and_staff_take_the_listing_down(client, county):
    job = f.job(title="可疑岗位")
    response = client.post(reverse("listings:jobs_report", args=[job.pk]), {"reason": "fraud", "details": "要交押金"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.listing_kind, report.listing_id, report.state) == ("jobs", job.pk, Report.State.OPEN)
    assert "要交押金" not in client.get(job.get_absolute_url()).content.decode()
    assert client.post(reverse("listings:jobs_report", args=[job.pk]), {}).status_code == 400

    admin = client.__class__()
    login(admin, county.county.editor)
    assert "要交押金" in admin.get(reverse("listings_reports")).content.decode()
    admin.post(reverse("listings_handle_report", args=[report.pk]), {"act": "take_down"})
    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == Status.TAKEN_DOWN and report.state == Report.State.ACTED
    assert "可疑岗位" not in client.get(reverse("listings:jobs_list")).content.decode()


def test_contact_only_on_request_and_rate_limited(client, county, settings):
    settings.LISTINGS_CONTACT_REVEALS_PER_IP_HOUR = 2
    job = f.job(contact_phone="13909990002", contact_email="hr@example.com")
    assert "13909990002" not in client.get(reverse("listings:jobs_list")).content.decode()
    assert "13909990002" not in client.get(job.get_absolute_url()).content.decode()
    url = reverse("listings:jobs_contact", args=[job.pk])
    assert "13909990002" not in client.get(url).content.decode()
    revealed = client.post(url)
    assert "13909990002" in revealed.content.decode() and "hr@example.com" in revealed.content.decode()
    inline = client.post(url, headers={"X-Requested-With": "fetch"})
    assert "13909990002" in inline.content.decode() and "<html" not in inline.content.decode()
    limited = client.post(url)
    assert limited.status_code == 429 and "13909990002" not in limited.content.decode()


# --- rental photos -------------------------------------------------------------------------------------


def jpeg_with_exif():
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    out.seek(0)
    out.name = "room.jpg"
    return out


def test_rental_photos_are_cleaned(client, county):
    data = {
        "title": "两室一厅",
        "price": "700",
        "area": "70.5",
        "layout": "2",
        "town": str(county.town_a.unit.pk),
        "community": "禾丰小区",
        "address": "",
        "available_from": f.today(3).isoformat(),
        "description": "",
        "contact_name": "张女士",
        "contact_phone": "13909990003",
        "contact_email": "",
        "agree": "on",
        "submission_key": "r" * 30,
        "photos": [jpeg_with_exif()],
    }
    assert client.post(reverse("listings:rentals_submit"), data).status_code == 302
    rental = RentalListing.objects.get()
    photo = rental.photos.get()
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif()
    bad = dict(data, submission_key="s" * 30, photos=[io.BytesIO(b"not an image")])
    bad["photos"][0].name = "x.jpg"
    response = client.post(reverse("listings:rentals_submit"), bad)
    assert response.status_code == 400 and "不是能打开的照片" in response.content.decode()


# --- calendar and ICS ----------------------------------------------------------------------------------


def test_calendar_and_ics(client, county):
    event = f.event(title="龙舟赛", venue="清水河", price="免费", booking_url="https://example.org/b")
    old = f.event(title="去年的灯会", starts_at=f.at(-500), ends_at=f.at(-497))
    month = event.starts_at.astimezone().strftime("%Y-%m")
    page = client.get(reverse("listings:calendar"), {"month": month}).content.decode()
    assert "龙舟赛" in page and "<table" in page
    assert client.get(reverse("listings:calendar"), {"month": "garbage"}).status_code == 200

    single = client.get(reverse("listings:event_ics", args=[event.pk]))
    assert single["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(single.content)
    [component] = calendar.walk("VEVENT")
    assert str(component["SUMMARY"]) == "龙舟赛" and str(component["LOCATION"]) == "清水河"
    assert component.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    feed = Calendar.from_ical(client.get(reverse("listings:calendar_ics")).content)
    summaries = {str(item["SUMMARY"]) for item in feed.walk("VEVENT")}
    assert "龙舟赛" in summaries and old.title not in summaries


def test_the_page_with_the_management_code_is_not_stored_by_caches(client, county):
    response = client.get(submit_job(client, county)["Location"])
    assert "no-store" in response["Cache-Control"]


def test_the_management_page_is_not_stored_by_caches(client, county):
    response = submit_job(client, county)
    code, _ = management_code(client, response)
    reference = JobListing.objects.get().reference
    client.post(reverse("listings:manage"), {"reference": reference, "code": code})
    assert "no-store" in client.get(reverse("listings:manage_listing", args=[reference]))["Cache-Control"]
