"""政府信息公开工作年度报告 (公开年报): what staff enter for one unit's year; the rest is computed (``annual/``).

The county's report covers every unit (the county government's report, due later); a town's or a
department's covers that unit only. Totals are always computed, never typed.
"""

from django.core.validators import MinValueValidator
from django.db import models

from townsquare.units.models import Unit


def _count(label, blank=False):
    if blank:
        return models.PositiveIntegerField(label, null=True, blank=True, help_text="留空则按平台的政策文件统计。")
    return models.PositiveIntegerField(label, default=0)


class AnnualReport(models.Model):
    """One unit's report for one year: texts and the figures the platform cannot count."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2008)])
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)

    rules_issued = _count("规章 本年制发件数")
    rules_repealed = _count("规章 本年废止件数")
    rules_valid = _count("规章 现行有效件数")
    normative_issued = _count("行政规范性文件 本年制发件数", blank=True)
    normative_repealed = _count("行政规范性文件 本年废止件数", blank=True)
    normative_valid = _count("行政规范性文件 现行有效件数", blank=True)
    licensing = _count("行政许可 本年处理决定数量")
    penalty = _count("行政处罚 本年处理决定数量")
    coercion = _count("行政强制 本年处理决定数量")
    fees = models.DecimalField(
        "行政事业性收费 本年收费金额（万元）",
        max_digits=12,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
    )

    review_upheld = _count("行政复议 结果维持")
    review_corrected = _count("行政复议 结果纠正")
    review_other = _count("行政复议 其他结果")
    review_pending = _count("行政复议 尚未审结")
    direct_upheld = _count("未经复议直接起诉 结果维持")
    direct_corrected = _count("未经复议直接起诉 结果纠正")
    direct_other = _count("未经复议直接起诉 其他结果")
    direct_pending = _count("未经复议直接起诉 尚未审结")
    after_upheld = _count("复议后起诉 结果维持")
    after_corrected = _count("复议后起诉 结果纠正")
    after_other = _count("复议后起诉 其他结果")
    after_pending = _count("复议后起诉 尚未审结")

    page = models.ForeignKey(
        "disclosure.DisclosureReportPage",
        verbose_name="年度报告页面",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "公开年报"
        verbose_name_plural = "公开年报"
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="disclosure_annual_unit_year")]

    def __str__(self):
        return f"{self.unit.display_name}{self.year}年政府信息公开工作年度报告"

    @property
    def county_wide(self):
        """The county's report covers every unit."""
        return self.unit.kind == Unit.Kind.COUNTY


class AnnualReportReminder(models.Model):
    """The reminder sent to a unit's staff that its report for ``year`` is due; one per unit and year."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    emailed_to = models.TextField(blank=True)

    class Meta:
        verbose_name = "公开年报提醒"
        verbose_name_plural = "公开年报提醒"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="disclosure_annual_reminder_once")]

    def __str__(self):
        return f"{self.unit_id}/{self.year}"
