"""Every unit with a home page gets its 政府信息公开 section with the standard structure. Idempotent.

Registered as hook ``townsquare_provision_unit``; ``manage.py provision_gongkai`` gives existing units theirs.
The section's slug is ``gongkai`` (the county's is /gongkai/). Its children never take the slug
``shenqing``: /gongkai/shenqing/ belongs to the 依申请公开 application pages of another app.
"""

from django.db import transaction

from .models import (
    SECTION_SLUG,
    DisclosureApplicationPage,
    DisclosureIndexPage,
    DisclosureReportIndexPage,
    DisclosureTextPage,
)
from .texts import application_text, guide_text, rules_text


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_disclosure_section(unit, home):
    """The unit's section below ``home`` with 公开指南, 公开制度, 依申请公开 and 年度报告; returns the section."""
    with transaction.atomic():
        section = DisclosureIndexPage.objects.child_of(home).first()
        if section is None:
            section = _publish_child(
                home,
                DisclosureIndexPage(
                    title="政府信息公开",
                    slug=SECTION_SLUG,
                    intro=f"{unit.display_name}依法主动公开的政府信息，以及申请公开的办法。",
                ),
            )
        children = DisclosureTextPage.objects.child_of(section)
        if not children.filter(kind=DisclosureTextPage.Kind.GUIDE).exists():
            _publish_child(
                section,
                DisclosureTextPage(title="政府信息公开指南", slug="zhinan", kind="guide", body=guide_text(unit)),
            )
        if not children.filter(kind=DisclosureTextPage.Kind.RULES).exists():
            _publish_child(
                section,
                DisclosureTextPage(title="政府信息公开制度", slug="zhidu", kind="rules", body=rules_text(unit)),
            )
        if not DisclosureApplicationPage.objects.child_of(section).exists():
            _publish_child(
                section, DisclosureApplicationPage(title="依申请公开", slug="yishenqing", body=application_text(unit))
            )
        if not DisclosureReportIndexPage.objects.child_of(section).exists():
            _publish_child(
                section,
                DisclosureReportIndexPage(
                    title="政府信息公开工作年度报告",
                    slug="nianbao",
                    intro="每年一月底前（县政府为三月底前）公布上一年度的政府信息公开工作情况。",
                ),
            )
    return section
