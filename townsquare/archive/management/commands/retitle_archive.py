"""manage.py retitle_archive [--dry-run]

Archive pages imported from older saved WeChat pages (about 2018) may carry the inline script that
wrote the title for iOS as their title (“if(/(iPhone|iPad|iPod|iOS)/i.test(…”). This takes the real
title out of that script and puts it on the page, its revisions, the import report and the search.
Running it again changes nothing.
"""

from django.core.management.base import BaseCommand

from townsquare.archive.importing.retitling import retitle_script_titles


class Command(BaseCommand):
    help = "把旧版微信网页导入时误用脚本代码作标题的归档文章改回原标题。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出要改的文章，不修改。")

    def handle(self, *args, dry_run=False, **options):
        fixed, left = retitle_script_titles(dry_run=dry_run)
        verb = "将改为" if dry_run else "已改为"
        for page, title in fixed:
            self.stdout.write(f"#{page.pk} {verb}“{title}”")
        for page in left:
            self.stdout.write(f"#{page.pk} 标题里找不到原标题，请在后台手工修改：{page.title[:60]}")
        self.stdout.write(f"共{len(fixed)}篇{'要改' if dry_run else '已改'}，{len(left)}篇需手工修改。")
