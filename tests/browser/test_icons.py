"""The icons of the sprite are drawn in the browser (``<use>`` of the static sprite file)."""

import pytest

pytestmark = pytest.mark.browser

# Widths of the drawn shapes of the header's icons: 0 when the sprite or a symbol did not load.
ICON_WIDTHS = """() => [...document.querySelectorAll('.site-header svg.icon use')]
  .map(use => use.getBBox().width)"""


def test_header_icons_are_drawn_from_the_sprite(demo_site, phone):
    phone.goto(demo_site + "/")
    phone.wait_for_function(f"() => ({ICON_WIDTHS})().length > 0 && ({ICON_WIDTHS})().every(w => w > 0)")
    assert min(phone.evaluate(ICON_WIDTHS)) > 0
