"""Staff avatars in the admin never load from Gravatar (blocked here: a broken image)."""

from django.urls import reverse

from ..helpers import login


def test_the_admin_shows_no_gravatar(client, town_a):
    login(client, town_a.editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "gravatar.com" not in html
