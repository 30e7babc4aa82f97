"""manage.py load_corpus DIR — the real-data corpus for search benchmarks (never loaded by make run)."""

from django.core.management.base import BaseCommand, CommandError

from townsquare.search import corpus


class Command(BaseCommand):
    help = "把 ../shared/datasets 里的公开数据载入“语料库”单位，供搜索基准测试使用（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("folder", help="数据集目录，如 ../shared/datasets")
        parser.add_argument("--limit", type=int, default=None, help="每类最多载入多少条（测试用）")

    def handle(self, folder, limit=None, **options):
        try:
            corpus.load(folder, stdout=self.stdout, limit=limit)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
