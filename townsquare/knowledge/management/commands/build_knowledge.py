"""manage.py build_knowledge: an entry for every live guide's 常见问题 and every interpretation with a 摘要 that
has none yet (published at once: the words are already public). Safe to run again."""

from django.core.management.base import BaseCommand

from townsquare.knowledge.building import import_published
from townsquare.knowledge.models import Entry


class Command(BaseCommand):
    help = "把办事指南的常见问题和政策解读加入知识库（已加入的跳过）。"

    def handle(self, *args, **options):
        made = import_published()
        self.stdout.write(
            f"办事指南常见问题 {made[Entry.Source.FAQ]} 条，政策解读 {made[Entry.Source.INTERPRETATION]} 条，"
            f"知识库现有公开条目 {Entry.objects.live().count()} 条。"
        )
