"""公开年报 in the admin: a unit's staff edit, preview, export and publish their own report, nobody else's."""

from django.urls import reverse

from townsquare.disclosure.models import AnnualReport, DisclosureReportPage

from ..disclosure_requests.factories import make_application
from ..factories import NoticePageFactory
from ..helpers import login
from .factories import AnnualReportFactory
from .test_permissions import refused


def preview(report):
    return reverse("disclosure_annual_preview", args=[report.pk])


def test_a_towns_editor_previews_their_report(client, town_a):
    report = AnnualReportFactory(unit=town_a.unit)
    login(client, town_a.editor)
    assert "三、收到和处理政府信息公开申请情况" in client.get(preview(report)).content.decode()


def test_the_list_offers_the_preview(client, town_a):
    report = AnnualReportFactory(unit=town_a.unit)
    login(client, town_a.editor)
    html = client.get(reverse("wagtailsnippets_disclosure_annualreport:list")).content.decode()
    assert preview(report) in html


def test_a_towns_editor_cannot_preview_another_towns_report(client, town_a, town_b):
    report = AnnualReportFactory(unit=town_b.unit)
    login(client, town_a.editor)
    assert refused(client.get(preview(report)))


def test_a_towns_editor_cannot_open_the_county_report(client, county):
    report = AnnualReportFactory(unit=county.county.unit)
    login(client, county.town_a.editor)
    assert refused(client.get(reverse("wagtailsnippets_disclosure_annualreport:edit", args=[report.pk])))


def test_county_staff_preview_a_towns_report(client, county):
    report = AnnualReportFactory(unit=county.town_a.unit)
    login(client, county.county.editor)
    assert client.get(preview(report)).status_code == 200


def test_an_application_figure_links_to_its_applications(client, town_a):
    application = make_application(town_a.unit)
    report = AnnualReportFactory(unit=town_a.unit, year=application.received_at.year)
    login(client, town_a.editor)
    assert f"{reverse('disclosure_inbox')}?ids={application.pk}" in client.get(preview(report)).content.decode()


def test_the_inbox_shows_only_the_applications_of_a_figure(client, town_a):
    shown = make_application(town_a.unit, description="要看的这一件申请内容")
    make_application(town_a.unit, description="不在这个数字里的申请")
    login(client, town_a.editor)
    html = client.get(f"{reverse('disclosure_inbox')}?ids={shown.pk}").content.decode()
    assert shown.tracking_number in html and "不在这个数字里的申请" not in html


def test_the_pages_behind_a_figure_are_listed(client, town_a):
    notice = NoticePageFactory(parent=town_a.section("notice"), title="这条通知在明细里")
    login(client, town_a.editor)
    html = client.get(f"{reverse('disclosure_annual_pages')}?ids={notice.pk}").content.decode()
    assert "这条通知在明细里" in html


def test_the_xlsx_download_is_a_workbook(client, town_a):
    report = AnnualReportFactory(unit=town_a.unit)
    login(client, town_a.editor)
    response = client.get(reverse("disclosure_annual_xlsx", args=[report.pk]))
    assert response.content[:2] == b"PK"


def test_the_pdf_download_is_a_pdf(client, town_a):
    report = AnnualReportFactory(unit=town_a.unit)
    login(client, town_a.editor)
    assert client.get(reverse("disclosure_annual_pdf", args=[report.pk])).content[:5] == b"%PDF-"


def test_another_towns_editor_cannot_download(client, town_a, town_b):
    report = AnnualReportFactory(unit=town_b.unit)
    login(client, town_a.editor)
    assert refused(client.get(reverse("disclosure_annual_pdf", args=[report.pk])))


def test_publishing_from_the_preview_makes_the_years_page(client, town_a):
    report = AnnualReportFactory(unit=town_a.unit)
    login(client, town_a.editor)
    client.post(preview(report))
    assert DisclosureReportPage.objects.filter(year=2025, title__startswith="青禾镇").count() == 1


def test_a_towns_editor_adds_a_report_for_their_town(client, town_a):
    login(client, town_a.editor)
    data = {"unit": town_a.unit.pk, "year": 2025, "overview": "总体情况。", "fees": "0"}
    data.update({name: 0 for name in COUNT_FIELDS})
    client.post(reverse("wagtailsnippets_disclosure_annualreport:add"), data)
    assert AnnualReport.objects.filter(unit=town_a.unit, year=2025).exists()


def test_a_second_report_for_the_same_year_is_refused_in_chinese(client, town_a):
    AnnualReportFactory(unit=town_a.unit)
    login(client, town_a.editor)
    data = {"unit": town_a.unit.pk, "year": 2025, "fees": "0"}
    data.update({name: 0 for name in COUNT_FIELDS})
    html = client.post(reverse("wagtailsnippets_disclosure_annualreport:add"), data).content.decode()
    assert "2025年度的公开年报已经有了" in html


def test_a_towns_editor_cannot_choose_another_town(client, town_a, town_b):
    login(client, town_a.editor)
    html = client.get(reverse("wagtailsnippets_disclosure_annualreport:add")).content.decode()
    assert "石桥镇" not in html


COUNT_FIELDS = [
    "rules_issued",
    "rules_repealed",
    "rules_valid",
    "licensing",
    "penalty",
    "coercion",
    *(
        f"{group}_{result}"
        for group in ("review", "direct", "after")
        for result in ("upheld", "corrected", "other", "pending")
    ),
]
