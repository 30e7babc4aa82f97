"""A web process compiles the public templates before its first request (townsquare/wsgi.py, core/warmup.py)."""

import pytest
from django.template import engines

from townsquare.core import warmup


@pytest.fixture
def cached_loader():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    yield loader
    loader.reset()


def test_warm_up_compiles_the_public_templates(cached_loader):
    warmup.compile_templates()

    assert "publishing/home_page.html" in cached_loader.get_template_cache


def test_a_failing_step_does_not_stop_the_process(monkeypatch):
    def broken():
        raise RuntimeError("no database")

    monkeypatch.setattr(warmup, "STEPS", (broken,))

    assert warmup.warm_up() >= 0
