"""The annual report in the admin: who may see it, the table, the item lists behind the figures, downloads."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import NewsPageFactory, UserFactory
from townsquare.oversight.annual.report import build_annual_report

from .annual_factories import YEAR, dated, local, resident_request

pytestmark = pytest.mark.django_db

REPORT_URL = "oversight_annual_report"


@pytest.fixture
def superuser():
    return UserFactory(username="annual_admin", is_superuser=True, is_staff=True)


@pytest.fixture
def some_data(county):
    news = county.county.section("news")
    for day in (1, 2, 3):
        dated(NewsPageFactory(parent=news, title=f"年内动态{day}"), local(YEAR, 8, day))
    dated(NewsPageFactory(parent=news, title="往年动态"), local(YEAR - 1, 8, 1))
    resident_request(county.town_a.unit, local(YEAR, 8, 1), answered=timedelta(days=3))
    return county


def report_page(client, **params):
    return client.get(reverse(REPORT_URL), {"year": YEAR, **params})


def value_cells(html):
    """{row key: the text of its value cell} from the rendered table."""
    cells = re.findall(r'data-key="([\w-]+)">(.*?)</td>', html, flags=re.S)
    return {key: _visible(text) for key, text in cells}


def _visible(fragment):
    fragment = re.sub(r'<span class="w-sr-only">.*?</span>', "", fragment, flags=re.S)
    fragment = re.sub(r'<span class="annual-table__note">.*?</span>', "", fragment, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def test_superuser_sees_the_table_in_the_official_layout(client, superuser, some_data):
    client.force_login(superuser)

    response = report_page(client)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{YEAR}年度政府网站与政务新媒体工作年度报表" in html
    assert '<th id="h0-0" scope="rowgroup" colspan="3">网站名称</th>' in html
    assert re.search(r'<th id="[\w-]+" scope="rowgroup" rowspan="4">信息发布</th>', html)
    assert '<th scope="col" id="col-value">数值</th>' in html
    cells = value_cells(html)
    assert cells["info_news"] == "3"
    assert cells["msg_received"] == "1"
    assert cells["msg_average_days"] == "3.0"
    assert cells["visitors"] == "请填写"


def test_every_traceable_figure_links_to_its_items_and_the_list_matches_the_count(client, superuser, some_data):
    client.force_login(superuser)
    html = report_page(client).content.decode()
    report = build_annual_report(YEAR)

    for row in report.rows:
        link = reverse("oversight_annual_report_items", args=[YEAR, row.key])
        assert (f'href="{link}"' in html) == row.figure.traceable, row.key

    response = client.get(reverse("oversight_annual_report_items", args=[YEAR, "info_news"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'data-testid="figure">3<', page)
    assert re.search(r'data-testid="item-count">3<', page)
    assert "年内动态1" in page and "往年动态" not in page


def test_request_items_show_no_personal_data(client, superuser, some_data):
    client.force_login(superuser)

    page = client.get(reverse("oversight_annual_report_items", args=[YEAR, "msg_received"])).content.decode()

    assert "东街路灯不亮" in page
    assert "13900001111" not in page and "李四" not in page


def test_unknown_row_is_not_found(client, superuser, county):
    client.force_login(superuser)

    assert client.get(reverse("oversight_annual_report_items", args=[YEAR, "nothing"])).status_code == 404


def test_county_staff_may_see_it(client, county):
    client.force_login(county.county.editor)

    assert report_page(client).status_code == 200


def test_town_staff_may_not(client, county):
    client.force_login(county.town_a.head)

    # Wagtail turns a refusal in the admin into a return to the dashboard with its "no permission" message.
    for response in (
        report_page(client),
        client.get(reverse("oversight_annual_report_download", args=["pdf"])),
        client.get(reverse("oversight_annual_report_items", args=[YEAR, "info_news"])),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


def test_anonymous_visitors_are_sent_to_log_in(client, county):
    response = report_page(client)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_menu_item_only_for_those_who_may_see_it(client, superuser, county):
    link = reverse(REPORT_URL)
    client.force_login(county.town_a.head)
    assert link not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(superuser)
    assert link in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_bad_year_falls_back_with_a_message(client, superuser, county):
    client.force_login(superuser)

    response = client.get(reverse(REPORT_URL), {"year": "二〇二五"})

    assert response.status_code == 200
    assert "不是有效的年份" in response.content.decode()


def test_one_unit_can_be_chosen(client, superuser, some_data):
    client.force_login(superuser)

    html = report_page(client, unit=some_data.town_a.unit.slug).content.decode()

    cells = value_cells(html)
    assert cells["info_news"] == "0"
    assert cells["msg_received"] == "1"
    assert "范围：青禾镇" in html


def test_downloads(client, superuser, some_data):
    client.force_login(superuser)
    url = reverse("oversight_annual_report_download", args=["xlsx"])

    xlsx = client.get(url, {"year": YEAR})
    pdf = client.get(reverse("oversight_annual_report_download", args=["pdf"]), {"year": YEAR})

    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"annual-report-{YEAR}-county.xlsx" in xlsx["Content-Disposition"]
    assert xlsx.content[:2] == b"PK"
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("oversight_annual_report_download", args=["doc"])).status_code == 404


def _page_queries(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert report_page(client).status_code == 200
    return len(captured)


def test_admin_page_query_count_is_bounded(client, superuser, some_data, django_assert_max_num_queries):
    client.force_login(superuser)
    report_page(client)  # warm Wagtail's per-process caches
    few = _page_queries(client, django_assert_max_num_queries, 80)
    news = some_data.county.section("news")
    for day in range(10, 20):
        dated(NewsPageFactory(parent=news), local(YEAR, 9, day))
        resident_request(some_data.town_b.unit, local(YEAR, 9, day), answered=timedelta(days=1))

    assert _page_queries(client, django_assert_max_num_queries, 80) == few


def test_xlsx_download_holds_the_figures_the_page_shows(client, superuser, some_data):
    import io

    from openpyxl import load_workbook

    client.force_login(superuser)
    cells = value_cells(report_page(client).content.decode())
    xlsx = client.get(reverse("oversight_annual_report_download", args=["xlsx"]), {"year": YEAR}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    report = build_annual_report(YEAR)

    for offset, row in enumerate(report.rows):
        value = sheet.cell(4 + offset, 4).value
        shown = cells[row.key]
        if isinstance(value, int | float):
            assert float(value) == float(shown), row.key
        else:
            assert value == shown, row.key
