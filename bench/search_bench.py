"""Search benchmark: indexing docs/second and query latency p50/p95 over the real corpus multiplied.

    .venv/bin/python bench/search_bench.py --backend sqlite --size 100000
    .venv/bin/python bench/search_bench.py --backend postgres --size 100000

Uses its own database (SQLite: ts_search_bench.sqlite3 in $TOWNSQUARE_VAR_DIR or var/; PostgreSQL:
$SEARCH_BENCH_POSTGRES_URL or ts_search_bench on 127.0.0.1:5432, created if missing), never the
development one. The corpus (../shared/datasets:
State Council documents, THUCNews headlines, TipDM messages with replies, masked like public
requests) is indexed through the ordinary indexer, copied until ``--size`` documents (each copy a
new item, dated further back). Then every query of bench/search_relevance.tsv and sampled title
words run through the same query layer as /search/ (analysis, count, ranking, snippets);
latency is wall time per query. Also prints MRR and recall@10 at that size (a copy of the
expected item counts as found).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"


def configure(backend):
    if backend == "sqlite":
        var = Path(os.environ.get("TOWNSQUARE_VAR_DIR") or REPO / "var")
        var.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{var / 'ts_search_bench.sqlite3'}"
    else:
        url = os.environ.get("SEARCH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ts_search_bench")
        os.environ["DATABASE_URL"] = url
        import psycopg
        from psycopg import sql

        server, name = url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
    sys.path.insert(0, str(REPO))
    import logging

    import django

    logging.getLogger("jieba").setLevel(logging.WARNING)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def base_entries(folder):
    """(source, object id, Entry) for every corpus item, requests masked as the public sees them."""
    from townsquare.core.privacy import mask_text
    from townsquare.search import corpus, indexer
    from townsquare.search.corpus import CorpusSource
    from townsquare.search.sources import kind_boost

    requests = CorpusSource("bench.request", "request", "留言答复")
    items = [(corpus.POLICIES, oid, e) for oid, e in corpus.policy_entries(folder)]
    items += [(corpus.NEWS, oid, e) for oid, e in corpus.news_entries(folder)]
    for row in corpus.message_rows(folder):
        names = [row["user"]]
        body = mask_text(row["details"], names=names) + " 答复：" + mask_text(row["reply"], names=names)
        entry = indexer.Entry(
            title=mask_text(row["title"], names=names)[:60],
            url=f"/liuyan/public/{corpus.REQUEST_NUMBER_PREFIX}{row['number']:08d}/",
            body=body,
            date=row["answered_at"] or row["received_at"],
            boost=kind_boost("request"),
        )
        items.append((requests, str(row["number"]), entry))
    return items


def build_index(items, size, batch):
    import datetime

    from townsquare.search import analysis, indexer
    from townsquare.search.models import SearchTerm

    indexer.clear_all()
    SearchTerm.objects.all().delete()
    analysis.dictionary()  # load jieba and the dictionary before timing
    planned = []
    copy = 0
    while len(planned) < size:
        for source, object_id, entry in items[: size - len(planned)]:
            if copy:
                entry = indexer.Entry(**{**entry.__dict__})
                if entry.date:
                    entry.date = entry.date - datetime.timedelta(days=400 * copy)
            planned.append((source, f"{copy}:{object_id}", entry))
        copy += 1
    done = 0
    started = time.perf_counter()
    for start in range(0, len(planned), batch):
        chunk = planned[start : start + batch]
        by_source = {}
        for source, object_id, entry in chunk:
            by_source.setdefault(source.key, (source, []))[1].append((object_id, entry))
        for source, pairs in by_source.values():
            done += indexer.put_many(source, pairs)
        if done % 10_000 < batch:
            elapsed = time.perf_counter() - started
            print(f"  indexed {done:>7} docs  {done / elapsed:7.0f} docs/s", flush=True)
    elapsed = time.perf_counter() - started
    return done, elapsed


def sample_queries(count, seed=42):
    """Two neighbouring words of random titles (what residents type), besides the relevance set."""
    from townsquare.search import analysis
    from townsquare.search.models import SearchDocument

    rng = random.Random(seed)
    ids = list(SearchDocument.objects.values_list("pk", flat=True))
    dictionary = analysis.dictionary()
    queries = []
    while len(queries) < count:
        doc = SearchDocument.objects.get(pk=rng.choice(ids))
        words = [w for w in dictionary.segment(doc.title) if len(w) > 1]
        if len(words) >= 2:
            start = rng.randrange(len(words) - 1)
            queries.append(" ".join(words[start : start + 2]))
        elif words:
            queries.append(words[0])
    return queries


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--size", type=int, default=100_000, help="documents in the index (default 100000; 0 = the corpus once)"
    )
    parser.add_argument("--datasets", default=str(DATASETS))
    parser.add_argument("--queries", type=int, default=200, help="sampled queries besides the relevance set")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--skip-index", action="store_true", help="query the index built by the last run")
    args = parser.parse_args()
    if not Path(args.datasets, "policy").is_dir():
        print(f"跳过：没有数据集目录 {args.datasets}")
        return

    configure(args.backend)
    from django.db import connection

    from townsquare.search import relevance
    from townsquare.search.models import SearchDocument
    from townsquare.search.query import Params, search

    print(f"backend={connection.vendor} target size={args.size}")
    if not args.skip_index:
        items = base_entries(args.datasets)
        print(f"corpus: {len(items)} base documents")
        args.size = args.size if args.size > 0 else len(items)
        done, elapsed = build_index(items, args.size, args.batch)
        print(f"indexing: {done} docs in {elapsed:.1f} s = {done / elapsed:.0f} docs/s")
        # Fresh planner statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE would give them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    size = SearchDocument.objects.count()

    cases = relevance.read_cases()
    queries = [case.query for case in cases] + sample_queries(args.queries)
    for q in queries[:20]:  # warm-up: caches, prepared plans
        search(Params(q=q), log=False)
    timings = []
    for q in queries:
        started = time.perf_counter()
        search(Params(q=q), log=False)
        timings.append((time.perf_counter() - started) * 1000)
    mrr, recall, _ranks = relevance.evaluate(cases)
    print(
        f"queries: {len(timings)} over {size} docs: p50={statistics.median(timings):.1f} ms "
        f"p95={percentile(timings, 0.95):.1f} ms max={max(timings):.1f} ms"
    )
    print(f"relevance at this size: MRR={mrr:.3f} recall@10={recall:.3f} ({len(cases)} queries)")


if __name__ == "__main__":
    main()
