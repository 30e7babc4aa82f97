"""manage.py import_archive --unit 青禾镇 PATH [--channel ID|名称] [--account 名称] [--user 用户名]

PATH: a folder of saved WeChat pages (with their _files/ folders), a .zip of such a folder,
an RSS/Atom file, or a CSV/JSON file (title, date, body, url). Running it again adds nothing
twice; an interrupted import finishes on the next run. Run by an administrator on the server, it
publishes at once; each publish is logged with ``--user`` (else as the system).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from townsquare.archive.importing import Importer, report_lines, sniff_account_name
from townsquare.units.models import Unit

BAR_WIDTH = 30


class ProgressBar:
    def __init__(self, stream, interactive):
        self.stream = stream
        self.interactive = interactive
        self.last_tenth = -1

    def __call__(self, run):
        total = run.total or 1
        done = min(run.processed, total)
        filled = BAR_WIDTH * done // total
        line = (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {run.processed}/{run.total}"
            f"  导入 {run.imported}  跳过 {run.skipped}  失败 {run.failed}"
        )
        if self.interactive:
            self.stream.write("\r" + line)
            if run.total and run.processed >= run.total:
                self.stream.write("\n")
            self.stream.flush()
        else:
            tenth = 10 * done // total
            if tenth != self.last_tenth:
                self.last_tenth = tenth
                self.stream.write(line + "\n")


class Command(BaseCommand):
    help = "把已停更公众号的文章（保存的网页、RSS/Atom、CSV/JSON）导入为某单位的归档栏目。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="文件夹、.zip、RSS/Atom 文件，或 CSV/JSON 文件")
        parser.add_argument("--unit", required=True, help="单位名称，如 青禾镇")
        parser.add_argument("--channel", help="原账号：渠道编号，或账号名称（渠道登记里的）")
        parser.add_argument("--account", help="原公众号名称（不填则用渠道名称，或从文章里读）")
        parser.add_argument("--user", help="发布记录里的操作人（用户名）；不填则记为系统")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, path, unit, channel=None, account=None, user=None, no_progress=False, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"找不到：{source}")
        unit_obj = Unit.objects.filter(Q(name=unit) | Q(short_name=unit)).order_by("pk").first()
        if unit_obj is None:
            raise CommandError(f"没有名为“{unit}”的单位")
        channel_obj = self.find_channel(unit_obj, channel) if channel else None
        account = account or (channel_obj.name if channel_obj else "") or sniff_account_name(source)
        if not account:
            raise CommandError("不知道原公众号的名称：请用 --account 指定，或用 --channel 指定渠道")
        by = self.find_user(user) if user else None
        progress = None if no_progress else ProgressBar(sys.stderr, sys.stderr.isatty())
        importer = Importer(
            unit=unit_obj, account_name=account, channel=channel_obj, by=by, progress=progress, publish=True
        )
        try:
            run = importer.run(source)
        except KeyboardInterrupt:
            self.stderr.write("\n导入被中断。已导入的文章都是完整的；再运行一次同样的命令即可接着导入。")
            raise SystemExit(130) from None
        for line in report_lines(run):
            self.stdout.write(line)
        if run.index_page_id:
            index = run.index_page
            self.stdout.write(f"归档栏目：{index.title}（{index.get_url() or index.url_path}）")
        if channel_obj is not None and run.index_page_id:
            channel_obj.refresh_from_db()
            self.stdout.write(f"渠道“{channel_obj.name}”已链接到归档栏目。")

    def find_user(self, username):
        from django.contrib.auth import get_user_model

        found = get_user_model().objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"没有名为“{username}”的有效用户")
        return found

    def find_channel(self, unit, value):
        from townsquare.channels.models import Channel

        channels = Channel.objects.filter(unit=unit)
        if value.isdigit():
            found = channels.filter(pk=int(value)).first()
        else:
            found = channels.filter(name=value).first() or channels.filter(name__icontains=value).first()
        if found is None:
            raise CommandError(f"“{unit.name}”没有这个渠道：{value}")
        return found
