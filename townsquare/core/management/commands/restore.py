"""`manage.py restore ARCHIVE`: put back the database and the uploaded files of a backup (see core/backups.py)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from townsquare.core.backups import BackupError, restore_backup, site_media_roots


class Command(BaseCommand):
    help = "从备份文件恢复数据库和上传的文件。会覆盖现有数据，请先停止网站、后台任务和定时任务。"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="manage.py backup 生成的 .tar.gz 文件")
        parser.add_argument("--yes", action="store_true", help="不再询问，直接覆盖现有数据")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="恢复到哪个数据库（默认 default）")

    def handle(self, *args, **options):
        db = connections[options["database"]].settings_dict

        def confirm(manifest):
            files = manifest["files"]
            self.stdout.write(
                f"备份时间 {manifest['created_at']}，数据库 {manifest['engine']}，"
                f"公开文件 {files.get('media', 0)} 个，私有文件 {files.get('private', 0)} 个；校验通过。"
            )
            if not options["yes"]:
                self._ask()
            connections.close_all()

        try:
            restore_backup(options["archive"], db, site_media_roots(), confirm=confirm)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("已恢复数据库和上传的文件。如果程序比备份新，请再运行 manage.py migrate。")

    def _ask(self):
        warning = "恢复会覆盖现在的数据库和全部上传文件，且无法撤销。"
        if not sys.stdin.isatty():
            raise CommandError(f"{warning}确认无误请加 --yes 再运行。")
        answer = input(f"{warning}请先停止网站、后台任务和定时任务。确认恢复请输入 yes：")
        if answer.strip().lower() != "yes":
            raise CommandError("已取消，没有改动任何数据。")
