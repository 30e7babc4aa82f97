import logging
import time
import unicodedata

from django.core.management.base import BaseCommand

from townsquare.demo.loader import accounts, demo_is_complete, load_demo


def width(text):
    """Columns the text takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in str(text))


def pad(text, columns):
    return f"{text}{' ' * (columns - width(text))}"


def table(header, rows):
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "载入演示用的示范县：单位、账号、页面和图片。可以反复运行，已有的不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="即使演示数据看起来齐全，也逐项检查并补上缺少的部分。"
        )

    def handle(self, *args, repair=False, **options):
        started = time.monotonic()
        # Wagtail logs every page it creates and publishes; hundreds of lines would bury the summary.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        if not repair and demo_is_complete():
            self.stdout.write(f"示范县演示数据已经齐全，没有改动（用时 {time.monotonic() - started:.1f} 秒）。")
            self.stdout.write("想逐项检查并补上缺少的部分，请运行：manage.py load_demo --repair")
        else:
            tally = load_demo()
            self.stdout.write("示范县演示数据：")
            self.stdout.write(table(("内容", "新建", "已有"), tally.rows()))
            self.stdout.write(f"共新建 {tally.total_created} 项，用时 {time.monotonic() - started:.1f} 秒。")
        self.stdout.write("\n演示账号（登录后台：/admin/）：")
        self.stdout.write(table(("用户名", "密码", "单位", "角色", "能做什么"), accounts()))
        self.stdout.write(
            "两步验证：登录后打开 /admin/2fa/enrol/ ，用手机身份验证器扫码即可启用；"
            "设置 STAFF_2FA_REQUIRED=1 后，超级管理员和县级单位人员必须启用。"
        )
