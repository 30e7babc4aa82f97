"""The demo county, loaded once for every module of this folder: each test rolls back its own changes (``db``),
so the modules need no fresh copy each (loading it takes about a minute)."""

import pytest

from ..conftest import loaded_demo


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    yield from loaded_demo(django_db_blocker)
