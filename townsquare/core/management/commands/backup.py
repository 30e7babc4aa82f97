"""`manage.py backup`: the database and the uploaded files in one archive (see core/backups.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from townsquare.core.backups import BackupError, create_backup, migration_summary, site_media_roots


class Command(BaseCommand):
    help = "备份数据库和上传的文件（含居民照片）到一个 .tar.gz 文件，只有本用户可读。"

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="备份文件放在哪个文件夹（默认 BACKUP_DIR）")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="备份哪个数据库（默认 default）")

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        try:
            archive, manifest = create_backup(
                options["output"] or settings.BACKUP_DIR,
                connection.settings_dict,
                site_media_roots(),
                migration_summary(connection),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = manifest["files"]
        self.stdout.write(
            f"已备份到 {archive}（数据库 {manifest['engine']}，公开文件 {files.get('media', 0)} 个，"
            f"居民照片等私有文件 {files.get('private', 0)} 个）。"
        )
