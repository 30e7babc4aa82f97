"""The footer's trust marks come from settings: 党政机关标识, 网站标识码, ICP and 公安 record numbers."""

import re

import pytest

pytestmark = pytest.mark.django_db


def footer(client):
    html = client.get("/").content.decode()
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def test_psb_record_number_links_to_the_record_site(client, county, settings):
    settings.SITE_PSB_NUMBER = "示公网安备43000002000001号"
    assert (
        '<a href="https://beian.mps.gov.cn/" rel="noopener" target="_blank">示公网安备43000002000001号</a>'
        in footer(client)
    )


def test_party_and_government_mark_links_to_its_verification_page(client, county, settings):
    settings.SITE_CONAC_URL = "https://bszs.conac.cn/sitename?method=show&id=TEST"
    assert 'class="conac-mark" href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST"' in footer(client)
