"""manage.py check_health: run the inspection checks now, store the result and print the scores."""

from django.core.management.base import BaseCommand

from townsquare.oversight.checks import run_health_check, send_digests
from townsquare.oversight.linkcheck import run_link_check
from townsquare.oversight.scoring import ADVICE, Finding


class Command(BaseCommand):
    help = "按政府网站检查指标给全县和各单位打分（立即检查），并保存结果。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--links", action="store_true", help="先检查到期的链接（会访问站外网站，有数量和频率限制）。"
        )
        parser.add_argument("--digest", action="store_true", help="检查后给各单位负责人发送待办邮件。")
        parser.add_argument("--details", action="store_true", help="列出每个单位的否决项和扣分项。")

    def handle(self, *args, links=False, digest=False, details=False, **options):
        if links:
            self.stdout.write(run_link_check())
        run = run_health_check(trigger="command")
        self.stdout.write(f"全县：{run.verdict}")
        rows = [("单位", "得分", "结论", "否决", "扣分项")]
        for score in run.unit_scores.select_related("unit").order_by("unit__sort_order", "unit_id"):
            rows.append(
                (
                    score.unit.display_name,
                    "—" if score.vetoed else f"{score.score}",
                    "不合格（单项否决）" if score.vetoed else ("合格" if score.passed else "不合格"),
                    str(score.vetoes),
                    str(score.deductions),
                )
            )
        widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            self.stdout.write("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        if details:
            for score in run.unit_scores.select_related("unit"):
                for item in score.findings:
                    finding = Finding.from_dict(item)
                    if finding.severity != ADVICE:
                        self.stdout.write(
                            f"[{score.unit.display_name}] {finding.severity_label} {finding.title}：{finding.detail}"
                        )
        if digest:
            self.stdout.write(f"已发送 {send_digests(run)} 封待办邮件。")


def _width(text):
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text, width):
    return text + " " * (width - _width(text))
