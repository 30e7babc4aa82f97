"""A request reads the shared cache once for what its address read last time, and sees its own writes."""

import pytest
from django.core.cache import caches

from townsquare.core.pagecache import reads, tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_reads(settings, monkeypatch):
    """Each read of the shared cache (a ``get`` or a ``get_many``, not the gets a ``get_many`` makes)."""
    cache = caches[settings.PAGE_CACHE_ALIAS]
    calls, depth = [], []

    def counted(original):
        def read(*args, **kwargs):
            if not depth:
                calls.append(1)
            depth.append(1)
            try:
                return original(*args, **kwargs)
            finally:
                depth.pop()

        return read

    monkeypatch.setattr(cache, "get", counted(cache.get))
    monkeypatch.setattr(cache, "get_many", counted(cache.get_many))
    return calls


def test_a_page_from_the_cache_is_one_read(client, county, shared_reads):
    client.get("/qinghe/")
    client.get("/qinghe/")
    shared_reads.clear()
    client.get("/qinghe/")
    assert len(shared_reads) == 1


def test_a_page_built_from_kept_values_reads_them_in_one_go(client, county, shared_reads):
    client.cookies["something"] = "1"
    client.get("/qinghe/")
    shared_reads.clear()
    client.get("/qinghe/")
    assert len(shared_reads) == 1


def test_a_tag_invalidated_during_the_request_is_read_as_new(county):
    with reads.request_reads("page:test"):
        before = tags.versions({"table:x"})
        tags.bump({"table:x"})
        after = tags.versions({"table:x"})
    assert after != before
