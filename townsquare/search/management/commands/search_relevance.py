"""manage.py search_relevance — MRR and recall@10 of the relevance set against the current index."""

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import connection

from townsquare.search import relevance


class Command(BaseCommand):
    help = "用相关性测试集（bench/search_relevance.tsv）衡量搜索质量：MRR 和 recall@10。"

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(relevance.DEFAULT_FILE))
        parser.add_argument("--verbose-misses", action="store_true", help="列出没找到或排名靠后的查询")

    def handle(self, file, verbose_misses=False, **options):
        cases = relevance.read_cases(file)
        mrr, recall, ranks = relevance.evaluate(cases)
        by_category = defaultdict(list)
        for case, rank in ranks:
            by_category[case.category].append(rank)
        self.stdout.write(f"backend={connection.vendor} queries={len(cases)}")
        for category, values in sorted(by_category.items()):
            found = sum(1 for r in values if r)
            self.stdout.write(f"  {category:<10} {found}/{len(values)}")
        self.stdout.write(f"MRR={mrr:.3f} recall@10={recall:.3f}")
        if verbose_misses:
            for case, rank in ranks:
                if rank != 1:
                    self.stdout.write(f"  rank={rank} [{case.category}] {case.query} → {case.expected[0]}")
