"""manage.py rebuild_search_index — index every registered type from scratch (the corpus is left alone)."""

from django.core.management.base import BaseCommand

from townsquare.search import indexer
from townsquare.search.sources import all_sources


class Command(BaseCommand):
    help = "重建站内搜索索引（所有已登记的内容类型）。"

    def handle(self, **options):
        total = indexer.rebuild(all_sources(), stdout=self.stdout)
        self.stdout.write(f"共索引 {total} 条。")
