"""Print the weight and query count of public pages of the demo county.

Run after `make run` has loaded the demo (or `manage.py load_demo`):
    .venv/bin/python bench/page_weight.py [PATH ...]

Weight is what a first visit transfers, excluding content images: the HTML and
every local stylesheet, script and icon it references, each gzip-compressed as
the server sends it to a browser that accepts gzip.
"""

import gzip
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def transferred(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def measure(client, path):
    cache.clear()
    # Count right away: the next request resets Django's query log.
    with CaptureQueriesContext(connection) as cold:
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    cold_queries = len(cold.captured_queries)
    with CaptureQueriesContext(connection) as warm:
        client.get(path)
    warm_queries = len(warm.captured_queries)
    if response.status_code != 200:
        return f"{path}: HTTP {response.status_code}"
    html = response.content
    total = transferred(html)
    assets = []
    for asset in sorted(set(ASSET.findall(html.decode()))):
        asset_response = client.get(asset)
        body = b"".join(asset_response.streaming_content) if asset_response.streaming else asset_response.content
        assets.append((asset, len(body), transferred(body)))
        total += transferred(body)
    lines = [
        f"{path}: html {len(html) / 1024:.1f} KB ({transferred(html) / 1024:.1f} KB gzip), "
        f"queries {cold_queries} cold cache / {warm_queries} warm cache"
    ]
    lines += [f"    {name}: {raw / 1024:.1f} KB ({gz / 1024:.1f} KB gzip)" for name, raw, gz in assets]
    lines.append(f"    first visit, excluding content images: {total / 1024:.1f} KB transferred")
    return "\n".join(lines)


if __name__ == "__main__":
    paths = sys.argv[1:] or ["/", "/qinghe/", "/tongzhi/", "/gongshi/", "/zhengce/"]
    client = Client()
    for path in paths:
        print(measure(client, path))
