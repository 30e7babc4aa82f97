"""Similar requests and the map in a real browser: typing shows a request about the same problem; the map
draws clustered markers; neither page has serious axe-core problems."""

from decimal import Decimal
from pathlib import Path

import pytest

from townsquare.resident_requests import handling

from ..browser.fixtures import SCREENSHOTS
from .test_public_map import SQUARE

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture
def fresh_install(transactional_db):
    from ..conftest import reset_to_fresh_install

    reset_to_fresh_install()


@pytest.fixture
def lamp(fresh_install, live_server, desk):
    request, _ = desk.file(
        title="东街口路灯不亮",
        details="东街口路灯坏了一个星期，晚上很黑，老人走路摔了跤。",
        lat=Decimal("27.850000"),
        long=Decimal("114.930000"),
    )
    handling.accept(request, desk.county.town_a.editor)
    return live_server.url, request


def serious_violations(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate("options => axe.run(document.querySelector('main') || document, options)", AXE_OPTIONS)
    problems = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes'][:3]]}" for v in problems]


def test_typing_shows_a_request_about_the_same_problem(lamp, desk, phone):
    base, request = lamp
    phone.goto(base + "/liuyan/")
    phone.select_option("#id_category", str(desk.roads.pk))
    phone.fill("#id_title", "东街口路灯坏了")
    phone.fill("#id_details", "东街口路灯坏了好几天，晚上很黑。")
    phone.locator("#similar-requests .similar-box").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "liuyan-similar.png"), full_page=True)
    assert phone.locator("#similar-requests a", has_text="我也遇到了").count() == 1
    assert serious_violations(phone) == []


@pytest.mark.parametrize("background", ["tiles", "outline"])
def test_the_map_draws_markers(lamp, desk, phone, settings, background):
    base, _request = lamp
    if background == "tiles":
        settings.REQUEST_MAP_TILE_URL = base + "/static/none/{z}/{x}/{y}.png"  # tiles that fail: markers still draw
    else:
        type(desk.county.town_a.unit).objects.filter(pk=desk.county.town_a.unit.pk).update(boundary=SQUARE)
    phone.goto(base + "/liuyan/ditu/")
    phone.locator(".leaflet-marker-icon").first.wait_for()
    assert serious_violations(phone) == []
