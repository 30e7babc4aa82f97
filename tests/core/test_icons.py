"""Icons come from one SVG sprite: each page carries a reference, not the drawing."""

from django.template import Context, Template

from townsquare.core.icons import SPRITE_PATH, build_sprite, sprite_url


def render(source):
    return Template("{% load townsquare_tags %}" + source).render(Context())


def test_the_committed_sprite_is_built_from_the_icon_files():
    assert SPRITE_PATH.read_text(encoding="utf-8") == build_sprite()


def test_the_sprite_has_a_symbol_per_icon():
    assert '<symbol id="phone" viewBox="0 0 24 24"' in build_sprite()


def test_an_icon_refers_to_its_symbol_in_the_sprite():
    assert f'<use href="{sprite_url()}#phone"/>' in render('{% icon "phone" %}')


def test_the_sprite_is_a_static_file():
    assert sprite_url().endswith("core/icons.svg")


def test_an_icon_is_hidden_from_screen_readers():
    assert 'aria-hidden="true"' in render('{% icon "phone" %}')


def test_an_icon_takes_an_extra_class():
    assert 'class="icon icon-lg"' in render('{% icon "phone" "icon-lg" %}')


def test_an_unknown_icon_renders_nothing():
    assert render('{% icon "no-such-icon" %}') == ""
