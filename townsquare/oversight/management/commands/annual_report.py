"""manage.py annual_report --year 2026 [--unit 青禾镇] [--format text|html|xlsx|pdf] [--output FILE]"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.template.loader import render_to_string

from townsquare.oversight.annual.export import filename, grouped, layout, to_pdf, to_text, to_xlsx
from townsquare.oversight.annual.report import build_annual_report, default_year
from townsquare.units.models import Unit

FORMATS = ("text", "html", "xlsx", "pdf")


class Command(BaseCommand):
    help = "生成政府网站与政务新媒体工作年度报表（默认在终端打印文字表格）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="年度，如 2026（默认：上一年，没有数据时为今年）")
        parser.add_argument("--unit", help="单位名称、简称或网址名（默认：全县）")
        parser.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
        parser.add_argument("--output", help="写入的文件（xlsx、pdf 默认按年度命名，写在当前目录）")

    def handle(self, *args, year=None, unit=None, format="text", output=None, **options):
        chosen_unit = None
        if unit:
            matches = list(Unit.objects.filter(Q(name=unit) | Q(short_name=unit) | Q(slug=unit))[:2])
            if not matches:
                raise CommandError(f"没有找到单位“{unit}”。请用单位名称、简称或网址名。")
            if len(matches) > 1:
                raise CommandError(f"“{unit}”对应多个单位，请用完整名称或网址名。")
            chosen_unit = matches[0]
        if year is not None and not 1990 <= year <= 2100:
            raise CommandError(f"年份“{year}”无效。")
        report = build_annual_report(year or default_year(), chosen_unit)

        if format == "text":
            content = to_text(report).encode()
        elif format == "html":
            content = render_to_string(
                "oversight/annual/standalone.html", {"report": report, "groups": grouped(layout(report))}
            ).encode()
        elif format == "xlsx":
            content = to_xlsx(report)
        else:
            content = to_pdf(report)

        if output is None and format in ("xlsx", "pdf"):
            output = filename(report, format)
        if output in (None, "-"):
            sys.stdout.buffer.write(content) if format in ("xlsx", "pdf") else self.stdout.write(
                content.decode(), ending=""
            )
            return
        with open(output, "wb") as handle:
            handle.write(content)
        self.stdout.write(f"已写入 {output}（{len(content)} 字节）")
