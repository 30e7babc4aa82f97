"""An editor, who cannot publish, sees 提交审核 as the main button of the page editor."""

import re

from django.urls import reverse

from ..factories import NewsPageFactory
from ..helpers import login

ACTION_BUTTON = re.compile(r'name="(action-submit)"|class="button (action-save)')


def main_action(html):
    """The first action button of the editor's footer menu: the one outside the caret."""
    match = ACTION_BUTTON.search(html, html.index('class="w-dropdown-button"'))
    return match.group(1) or match.group(2)


def test_submit_for_review_is_the_editors_main_button(client, town_a):
    draft = NewsPageFactory(parent=town_a.section("news"), publish=False)
    login(client, town_a.editor)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()

    assert main_action(html) == "action-submit"
