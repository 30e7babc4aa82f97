"""Security headers: a Content-Security-Policy without inline scripts and a Permissions-Policy."""

import re

import pytest

pytestmark = pytest.mark.django_db


def policy(response):
    return response["Content-Security-Policy"]


def test_public_pages_allow_only_our_own_scripts(client):
    assert "script-src 'self' 'nonce-" in policy(client.get("/liuyan/"))


def test_public_pages_allow_no_inline_script_without_the_nonce(client):
    assert "unsafe-inline" not in policy(client.get("/liuyan/")).split("script-src")[1].split(";")[0]


def test_every_inline_script_of_the_form_carries_the_nonce(client):
    response = client.get("/liuyan/")
    nonce = re.search(r"'nonce-([^']+)'", policy(response)).group(1)
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert scripts and all(f'nonce="{nonce}"' in attributes for attributes in scripts)


def test_images_may_be_data_urls(client):
    assert "img-src 'self' data:" in policy(client.get("/liuyan/"))


def test_the_admin_gets_the_relaxed_policy(client):
    assert "'unsafe-inline'" in policy(client.get("/admin/login/")).split("script-src")[1].split(";")[0]


def test_camera_and_microphone_are_off(client):
    assert "camera=(), microphone=()" in client.get("/liuyan/")["Permissions-Policy"]
