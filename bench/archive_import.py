"""Archive import benchmark: items/second for 1,000 saved WeChat articles, then a rerun that adds nothing.

    .venv/bin/python bench/archive_import.py [--count 1000] [--database sqlite|postgres]

Generates the articles in the real saved-page layout (townsquare/archive/samples.py: the structure
of ../shared/datasets/wechat's sample, our own filler text, ~100 KB of page scripts each, every
fifth article with images in its ``_files`` folder) into a temporary folder, imports them through
the same importer as ``manage.py import_archive`` into a throwaway database (SQLite in the temp
folder, or ts_archive_bench on 127.0.0.1:5432), and prints items/second. Goal: >= 50/s, no network.
Then imports the same folder again and prints how many items that added (must be 0).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOAL = 50


def configure(workdir, database):
    os.environ["TOWNSQUARE_VAR_DIR"] = str(workdir / "var")
    if database == "postgres":
        import psycopg

        url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ts_archive_bench")
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS ts_archive_bench")
            conn.execute("CREATE DATABASE ts_archive_bench")
        os.environ["DATABASE_URL"] = url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def county():
    from wagtail.models import Page

    from townsquare.publishing.models import HomePage, UnitHomePage
    from townsquare.units.models import Unit

    root = Page.get_first_root_node()
    for page in Page.objects.child_of(root):
        page.delete()
    county_unit = Unit.objects.create(name="示范县人民政府", short_name="示范县", slug="county", kind=Unit.Kind.COUNTY)
    town = Unit.objects.create(
        name="青禾镇", short_name="青禾镇", slug="qinghe", kind=Unit.Kind.TOWN, parent=county_unit
    )
    home = root.add_child(instance=HomePage(title="示范县人民政府", slug="home", unit=county_unit))
    home.add_child(instance=UnitHomePage(title="网上的青禾镇", slug="qinghe", unit=town))
    return town


TOPICS = ["机耕路", "农技课", "防汛演练", "秋收调度", "文化站", "医保缴费", "路灯", "垃圾分类", "稻田鱼", "敬老院"]


def generate(folder, count):
    from townsquare.archive.samples import SavedArticle, png_bytes, write_saved_article

    first = datetime(2022, 1, 3, 1, 0, tzinfo=UTC)
    for number in range(count):
        topic = TOPICS[number % len(TOPICS)]
        article = SavedArticle(
            title=f"青禾镇{topic}工作简报（第{number + 1}期）",
            account="青禾镇发布",
            published_at=first + timedelta(hours=19 * number),
            paragraphs=[
                f"本期简报介绍{topic}的进展。镇里组织各村干部逐户走访，听取意见{number % 7 + 3}条。",
                "下一步将按计划推进，有问题请拨打镇便民服务中心电话。",
                "（本文为基准测试生成的示例文字。）",
            ],
            biz="MzA3MDAwMDAwMQ==",
            mid=str(2650100000 + number),
            idx=str(number % 3 + 1),
            summary=f"{topic}工作简报",
            images=[png_bytes(f"bench-{number}-{i}") for i in range(number % 2 + 1)] if number % 5 == 0 else [],
            remote_images=1 if number % 5 == 1 else 0,
            padding_kb=100,
        )
        write_saved_article(folder, f"{number:04d}_{topic}", article)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    try:
        configure(workdir, args.database)
        from townsquare.archive.importing import Importer
        from townsquare.archive.models import ArchivePage

        town = county()
        folder = workdir / "articles"
        folder.mkdir()
        generate(folder, args.count)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"generated {args.count} saved articles ({size / 1024 / 1024:.0f} MB) in {folder}")

        started, cpu_started = time.perf_counter(), time.process_time()
        run = Importer(unit=town, account_name="青禾镇发布").run(folder)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        rate = run.total / elapsed
        print(
            f"first import ({args.database}): {run.total} items in {elapsed:.1f} s = {rate:.0f} items/s "
            f"[this process's CPU time: {cpu:.1f} s = {run.total / cpu:.0f} items/s; load average "
            f"{os.getloadavg()[0]:.1f}] "
            f"(imported {run.imported}, skipped {run.skipped}, failed {run.failed}; goal >= {GOAL}/s: "
            f"{'met' if rate >= GOAL else 'NOT met'})"
        )

        before = ArchivePage.objects.count()
        started = time.perf_counter()
        again = Importer(unit=town, account_name="青禾镇发布").run(folder)
        elapsed = time.perf_counter() - started
        added = ArchivePage.objects.count() - before
        print(
            f"second import: {again.total} items in {elapsed:.1f} s = {again.total / elapsed:.0f} items/s, "
            f"added {added} (imported {again.imported}, skipped {again.skipped}, failed {again.failed})"
        )
        ok = rate >= GOAL and added == 0 and run.imported == args.count
        return 0 if ok else 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
