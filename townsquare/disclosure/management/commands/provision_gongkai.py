"""Give every unit that has a home page its 政府信息公开 section (for units made before 政务公开 existed)."""

from django.core.management.base import BaseCommand

from townsquare.disclosure.provisioning import ensure_disclosure_section
from townsquare.publishing.models import HomePage, UnitHomePage


class Command(BaseCommand):
    help = "为每个有主页的单位建立“政府信息公开”栏目（已有的不变）。"

    def handle(self, *args, **options):
        count = 0
        for model in (HomePage, UnitHomePage):
            for home in model.objects.select_related("unit").order_by("path"):
                ensure_disclosure_section(home.unit, home)
                count += 1
        self.stdout.write(f"已检查 {count} 个单位的政府信息公开栏目。")
