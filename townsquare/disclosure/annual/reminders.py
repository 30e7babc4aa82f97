"""Reminding a unit's staff that last year's 公开年报 is due (条例 art. 49, 50), once, while it is not published.

Departments, towns and streets: by DISCLOSURE_REPORT_DEPARTMENT_DUE (31 January); the county government,
whose report covers every unit: by DISCLOSURE_REPORT_COUNTY_DUE (31 March). Towns and streets are 乡镇人民政府,
but the county's rules have them report with the departments (the county's own report builds on theirs).
The reminder goes DISCLOSURE_REPORT_REMIND_DAYS days before the date to the unit's staff (units.recipients).
"""

import datetime

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from townsquare.publishing.models import HomePage, UnitHomePage
from townsquare.units.models import Unit
from townsquare.units.recipients import Recipients, send_each

from ..models import AnnualReportReminder, DisclosureIndexPage, DisclosureReportIndexPage, DisclosureReportPage

STEP = Page.steplen  # characters of the tree path per level


def due_on(unit, year):
    """The date by which ``unit``'s report for ``year`` must be out."""
    setting = (
        settings.DISCLOSURE_REPORT_COUNTY_DUE
        if unit.kind == Unit.Kind.COUNTY
        else settings.DISCLOSURE_REPORT_DEPARTMENT_DUE
    )
    month, day = (int(part) for part in setting.split("-"))
    return datetime.date(year + 1, month, day)


def report_columns():
    """{unit id: its 年度报告 column} for every unit with a 政府信息公开 section (few queries, whatever the count)."""
    homes = {
        home.path: home.unit_id for model in (HomePage, UnitHomePage) for home in model.objects.only("path", "unit_id")
    }
    sections = {s.path: homes.get(s.path[:-STEP]) for s in DisclosureIndexPage.objects.only("path")}
    columns = {}
    for index in DisclosureReportIndexPage.objects.only("path", "depth"):
        unit_id = sections.get(index.path[:-STEP])
        if unit_id is not None:
            columns[unit_id] = index
    return columns


def published_columns(columns, year):
    """Paths of the columns that hold a live report for ``year``."""
    live = DisclosureReportPage.objects.live().filter(year=year).values_list("path", flat=True)
    parents = {path[:-STEP] for path in live}
    return {unit_id for unit_id, index in columns.items() if index.path in parents}


def _message(unit, year, due):
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailsnippets_disclosure_annualreport:list")
    body = "\n".join(
        [
            "您好：",
            "",
            f"{unit.display_name}{year}年政府信息公开工作年度报告应在{due:%Y年%m月%d日}前公布，目前还没有公布。",
            "请在“政务公开—公开年报”中填写需要填写的数字和文字，预览无误后生成年度报告页面，提交三审。",
            "",
            f"去填写：{link}",
            "",
            "这封邮件由系统自动发送。",
        ]
    )
    return f"【公开年报】{unit.display_name}{year}年度报告请于{due:%m月%d日}前公布", body


def send_reminders(today=None):
    """E-mail each unit whose last-year report is due within the lead time and not published; returns how many units."""
    today = today or timezone.localdate()
    year = today.year - 1
    columns = report_columns()
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=columns)}
    lead = datetime.timedelta(days=settings.DISCLOSURE_REPORT_REMIND_DAYS)
    waiting = [(unit, due_on(unit, year)) for unit in units.values()]
    waiting = [(unit, due) for unit, due in waiting if due - lead <= today <= due]
    if not waiting:
        return 0
    done = set(AnnualReportReminder.objects.filter(year=year).values_list("unit_id", flat=True))
    done |= published_columns(columns, year)
    recipients = Recipients()
    connection = get_connection()
    sent = 0
    for unit, due in waiting:
        if unit.pk in done:
            continue
        addresses = recipients.unit(unit)
        try:
            with transaction.atomic():
                AnnualReportReminder.objects.create(unit=unit, year=year, due_on=due, emailed_to="\n".join(addresses))
        except IntegrityError:  # another run got there first
            continue
        subject, body = _message(unit, year, due)
        send_each(subject, body, addresses, connection)
        sent += 1
    return sent
