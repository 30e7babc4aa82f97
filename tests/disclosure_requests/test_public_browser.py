"""依申请公开 in a real phone-sized browser: apply with a proof of identity, see the number and password, look it
up, and no serious accessibility problems on the form and the statistics (also in 长辈版)."""

from pathlib import Path

import pytest

from ..browser.fixtures import SCREENSHOTS

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    from ..conftest import build_county, reset_to_fresh_install

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    reset_to_fresh_install()
    county = build_county()
    return live_server.url, county


def serious_violations(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_apply_on_a_phone_and_look_it_up(site, phone, tmp_path):
    url, county = site
    proof = tmp_path / "id.png"
    proof.write_bytes(PNG)
    phone.goto(f"{url}/gongkai/shenqing/?unit={county.town_a.unit.slug}")
    assert serious_violations(phone) == []
    phone.check("#id_applicant_type_0")
    phone.fill("#id_name", "王小明")
    phone.check("#id_id_type_0")
    phone.fill("#id_id_number", "11010519491231002X")
    phone.fill("#id_phone", "13900001111")
    phone.fill("#id_address", "示范县青禾镇幸福路8号")
    phone.fill("#id_description", "2025年青禾镇农村道路硬化工程的验收报告。")
    phone.check("#id_provision_form_1")
    phone.check("#id_delivery_3")
    phone.set_input_files("#id_id_proof", str(proof))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "disclosure-apply-phone.png"), full_page=True)
    phone.click("text=提交申请")
    number = phone.inner_text(".ticket-numbers div:nth-child(1) dd").strip()
    password = phone.inner_text(".ticket-numbers div:nth-child(2) dd").strip()
    phone.goto(f"{url}/gongkai/shenqing/chaxun/")
    phone.fill("#id_tracking_number", number)
    phone.fill("#id_password", password)
    phone.click("button:has-text('查询')")
    assert "办理中" in phone.inner_text("main")


def test_statistics_in_elder_mode_have_no_serious_problems(site, phone):
    url, _ = site
    phone.goto(f"{url}/elder/?on=1&next=/gongkai/shenqing/tongji/")
    phone.screenshot(path=str(SCREENSHOTS / "disclosure-stats-elder.png"), full_page=True)
    assert "elder" in phone.get_attribute("body", "class") and serious_violations(phone) == []
