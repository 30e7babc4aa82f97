from django.core.management.base import BaseCommand

from townsquare.core.icons import SPRITE_PATH, build_sprite


class Command(BaseCommand):
    help = "把 core/templates/icons 下的图标合成一个 SVG 图标集（core/static/core/icons.svg）。"

    def handle(self, *args, **options):
        SPRITE_PATH.write_text(build_sprite(), encoding="utf-8")
        self.stdout.write(f"已生成 {SPRITE_PATH}")
