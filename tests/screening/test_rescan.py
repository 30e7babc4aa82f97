"""The daily rescan screens what is live; 监管 shows the findings per unit and vetoes a live ID number."""

from django.urls import reverse

from townsquare.oversight.rules import check
from townsquare.screening.jobs import screening_rescan
from townsquare.screening.models import Finding

from ..factories import NewsPageFactory, PublicityPageFactory
from .conftest import ID, text_body


def live_publicity(county, html):
    return PublicityPageFactory(parent=county.town_a.section("publicity"), body=text_body(html))


def test_the_rescan_finds_an_id_number_on_a_live_page(county):
    page = live_publicity(county, f"<p>王建华 {ID}</p>")

    screening_rescan()

    assert list(Finding.objects.filter(page=page).values_list("kind", "live", "status")) == [
        ("id_number", True, "open")
    ]


def test_the_rescan_leaves_clean_pages_alone(county):
    NewsPageFactory(parent=county.town_a.section("news"))

    screening_rescan()

    assert not Finding.objects.exists()


def test_a_live_id_number_is_a_veto_for_its_unit(county):
    live_publicity(county, f"<p>王建华 {ID}</p>")
    screening_rescan()

    codes = [(f.code, f.severity) for f in check(county.town_a.unit).findings if f.code == "personal_id_published"]

    assert codes == [("personal_id_published", "veto")]


def test_a_dismissed_id_number_is_no_veto(county):
    live_publicity(county, f"<p>王建华 {ID}</p>")
    screening_rescan()
    Finding.objects.get().decide(Finding.Status.DISMISSED, county.media.reviewer, "演示号码")

    screening_rescan()

    assert not [f for f in check(county.town_a.unit).findings if f.code == "personal_id_published"]


def test_a_mobile_number_on_a_live_page_is_no_veto(county):
    live_publicity(county, "<p>联系人手机 13812345678</p>")
    screening_rescan()

    assert not [f for f in check(county.town_a.unit).findings if f.code == "personal_id_published"]


def test_the_supervisors_dashboard_lists_open_findings_per_unit(county, client, admin_user):
    from townsquare.oversight.checks import run_health_check

    page = live_publicity(county, f"<p>王建华 {ID}</p>")
    screening_rescan()
    run_health_check(trigger="manual")
    client.force_login(admin_user)

    html = client.get(reverse("oversight_dashboard")).content.decode()

    assert page.title in html and "身份证号 1" in html
