"""政府网站与政务新媒体工作年度报表: the yearly table of 国办函〔2018〕12号, computed from the data.

Rows follow the official form (政府网站工作年度报表 with the 移动新媒体 block). Each figure
knows where it comes from: a list of *parts*, each a queryset with a label, so the admin
page can link the figure to the items behind it and the count equals that list.

Definitions (the admin page shows them under the table):

* A year is counted in Beijing time (Asia/Shanghai): 1 January 00:00 to 31 December 24:00.
* Publications count when they are live now and were **first published** within the year
  (``first_published_at``); drafts, never-published and since-unpublished pages are not counted.
* 概况类信息更新量: publications of the home pages (county and unit homes: greeting, contact,
  introduction) within the year, from Wagtail's publish log, plus live articles placed in a
  column of kind 综合. The platform has no dedicated 概况 column (provisioning creates none).
* 政务动态信息更新量: 政务动态 (NewsPage), 通知公告 (NoticePage) and 公示 (PublicityPage), as the
  《政府网站发展指引》 places 政务要闻、通知公告、工作动态 in 政务动态.
* 信息公开目录信息更新量: 政策文件 (PolicyPage), the platform's information-disclosure catalogue.
* 信息发布总数: all of the above plus 政策解读 (so 总数 ≥ the sum of the three lines).
* 专栏专题 维护数量: live topics (TopicPage) first published before the end of the year;
  新开设数量: those first published within it.
* 解读信息发布: 政策解读 (InterpretationPage) by 解读形式: 文字解读 = 解读材料; 图解 and 问答 =
  解读产品. 媒体评论文章 and 回应公众关注热点 are not recorded by the platform: 请填写.
* 办事服务: live 办事指南 (ServiceGuidePage) first published before the end of the year;
  可全程在线办理 = those with an 在线办理链接. 办件量 = appointments (预约) checked in (已到场)
  on a day of the year: the only handled-case record the platform holds.
* 留言办理: requests received within the year, not counting duplicates merged into another case;
  办结 = answered; 平均办理时间 = calendar days from receipt to answer over the answered ones,
  one decimal (the form says 天); 公开答复 = answered requests whose sender agreed to publication.
* 移动新媒体: external channels of the channel registry (not the platform's own columns) that were
  open during the year (opened before its end, not closed before its start).

Figures the platform cannot know (visits, ICP number, security checks, followers ...) come from
the settings ``ANNUAL_REPORT_*`` (``ANNUAL_REPORT_FACTS`` per year) or stay marked 请填写.

Cost: one count query per figure, a fixed number for the whole report however much data there is.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone
from wagtail import hooks

from .figures import (
    REPORT_TIMEZONE,
    BookingPart,
    ChannelPart,
    Figure,
    PagePart,
    PublishLogPart,
    Report,
    RequestPart,
    Row,
    year_bounds,
)

YES, NO = "是", "否"


def _facts(year):
    """The per-year figures entered in settings: ANNUAL_REPORT_FACTS = {"2026": {"visitors": 123, ...}}."""
    facts = settings.ANNUAL_REPORT_FACTS
    return facts.get(str(year)) or facts.get(year) or {}


def counted_figures(year, unit, start, end):
    """Figures the apps count from their own data (hook ``townsquare_annual_figures``): each hook function gets
    ``year``, ``unit`` (None for the whole site), ``start`` and ``end`` and returns ``{key: number}``; the same
    key from several apps is added up (征集调查 counts consultations and surveys alike)."""
    counted = {}
    for count in hooks.get_hooks("townsquare_annual_figures"):
        for key, value in (count(year=year, unit=unit, start=start, end=end) or {}).items():
            counted[key] = counted.get(key, 0) + value
    return counted


def _fact(facts, key, note=""):
    value = facts.get(key)
    return Figure(key=key, value=value if value not in (None, "") else None, fill_in=True, note=note)


class _Builder:
    def __init__(self, year, unit):
        self.year = year
        self.unit = unit
        self.start, self.end = year_bounds(year)
        # The yearly facts in settings are the whole site's: a single unit's report asks for its own.
        self.facts = _facts(year) if unit is None else {}
        self.counted = counted_figures(year, unit, self.start, self.end)

    def fact(self, key, note=""):
        """A figure the platform counts where an app does, else the one entered in settings (or 请填写)."""
        if key in self.counted:
            return Figure(key=key, value=self.counted[key])
        return _fact(self.facts, key, note)

    # Publications ------------------------------------------------------------------

    def _pages(self, models_and_filters, published_in_year=True):
        """Live pages of the given models (optionally filtered), of the unit, first published in the year."""
        from wagtail.models import Page

        condition = Q()
        for model, extra in models_and_filters:
            subset = model.objects.all()
            if extra is not None:
                subset = subset.filter(extra)
            if self.unit is not None:
                subset = subset.filter(unit=self.unit)
            condition |= Q(pk__in=subset.values("pk"))
        pages = Page.objects.live().filter(condition, first_published_at__lt=self.end)
        if published_in_year:
            pages = pages.filter(first_published_at__gte=self.start)
        return pages

    def _page_figure(self, key, label, models_and_filters, published_in_year=True):
        part = PagePart(self._pages(models_and_filters, published_in_year), label)
        return Figure(key=key, value=part.count(), parts=[part])

    def overview_parts(self):
        from wagtail.models import Page, PageLogEntry

        from townsquare.publishing.models import ARTICLE_MODELS, HomePage, SectionPage, UnitHomePage

        condition = Q()
        for model in (HomePage, UnitHomePage):
            subset = model.objects.all()
            if self.unit is not None:
                subset = subset.filter(unit=self.unit)
            condition |= Q(pk__in=subset.values("pk"))
        home_ids = Page.objects.filter(condition).values("pk")
        log = PageLogEntry.objects.filter(
            action="wagtail.publish", page_id__in=home_ids, timestamp__gte=self.start, timestamp__lt=self.end
        )
        general_columns = SectionPage.objects.filter(kind=SectionPage.Kind.GENERAL)
        in_general = Q()
        for column_path in general_columns.values_list("path", flat=True):
            in_general |= Q(path__startswith=column_path)
        parts = [PublishLogPart(log, "单位主页（概况）")]
        if in_general:
            article_pages = self._pages([(model, None) for model in ARTICLE_MODELS]).filter(in_general)
            parts.append(PagePart(article_pages, "综合栏目"))
        return parts

    def publications(self):
        from townsquare.publishing.models import (
            InterpretationPage,
            NewsPage,
            NoticePage,
            PolicyPage,
            PublicityPage,
        )

        overview_parts = self.overview_parts()
        overview = Figure(key="info_overview", value=sum(p.count() for p in overview_parts), parts=overview_parts)
        news = self._page_figure("info_news", "政务动态", [(NewsPage, None), (NoticePage, None), (PublicityPage, None)])
        catalogue = self._page_figure("info_catalogue", "信息公开目录", [(PolicyPage, None)])
        interpretations = self.parts_of([(InterpretationPage, None)], "政策解读")
        total_parts = overview_parts + news.parts + catalogue.parts + interpretations
        total = Figure(
            key="info_total",
            value=sum(p.count() for p in total_parts),
            parts=total_parts,
            note="概况类、政务动态、信息公开目录与政策解读之和。",
        )
        return total, overview, news, catalogue

    def parts_of(self, models_and_filters, label, published_in_year=True):
        return [PagePart(self._pages(models_and_filters, published_in_year), label)]

    def topics(self):
        from townsquare.publishing.models import TopicPage

        kept = self._page_figure("topics_maintained", "专题", [(TopicPage, None)], published_in_year=False)
        kept.note = "年底前已开设、现仍在线的专题。"
        new = self._page_figure("topics_new", "专题", [(TopicPage, None)])
        return kept, new

    def interpretations(self):
        from townsquare.publishing.models import InterpretationPage

        Form = InterpretationPage.Form
        total = self._page_figure("interp_total", "政策解读", [(InterpretationPage, None)])
        material = self._page_figure("interp_material", "文字解读", [(InterpretationPage, Q(form=Form.TEXT))])
        graphic = self._page_figure("interp_graphic", "图解", [(InterpretationPage, Q(form=Form.GRAPHIC))])
        qa = self._page_figure("interp_qa", "问答", [(InterpretationPage, Q(form=Form.QA))])
        product = Figure(
            key="interp_product",
            value=graphic.value + qa.value,
            parts=graphic.parts + qa.parts,
            note="图解与问答之和。",
        )
        media = _fact(self.facts, "interp_media", "平台不区分媒体评论文章，请按实际填写。")
        hotspots = _fact(self.facts, "hotspot_responses", "平台未记录舆情回应，请按实际填写。")
        return total, material, product, graphic, qa, media, hotspots

    # Services ---------------------------------------------------------------------

    def services(self):
        from townsquare.services.models import ServiceGuidePage

        guides = self._page_figure("service_items", "办事指南", [(ServiceGuidePage, None)], published_in_year=False)
        guides.note = "年底前已发布、现仍在线的办事指南。"
        online = self._page_figure(
            "service_online", "办事指南", [(ServiceGuidePage, ~Q(online_url=""))], published_in_year=False
        )
        online.note = "填有“在线办理链接”的办事指南。"
        catalogue = Figure(
            key="service_catalogue",
            value=YES if guides.value else NO,
            parts=guides.parts,
            note="本平台“办事指南”即服务事项目录。",
        )
        return catalogue, guides, online

    def bookings(self):
        from townsquare.appointments.models import Booking

        bookings = Booking.objects.filter(
            status=Booking.Status.CHECKED_IN,
            slot__day__gte=self.start.date(),
            slot__day__lt=self.end.date(),
        )
        if self.unit is not None:
            bookings = bookings.filter(service__window__unit=self.unit)
        part = BookingPart(bookings, "预约办理（已到场）")
        count = part.count()
        figure = Figure(
            key="service_cases",
            value=f"{count / 10000:.4f}" if count else "0",
            parts=[part],
            note=f"共{count}件：本平台预约且已到场办理的件数（折合万件）；其他渠道的办件请另行补充。",
        )
        return figure

    # Requests ------------------------------------------------------------------------

    def requests(self):
        from townsquare.resident_requests.models import ResidentRequest, Status

        received = ResidentRequest.objects.exclude(status=Status.MERGED).filter(
            received_at__gte=self.start, received_at__lt=self.end
        )
        if self.unit is not None:
            received = received.filter(unit=self.unit)
        answered = received.filter(answered_at__isnull=False)
        public = answered.filter(is_public=True)
        figures = answered.aggregate(
            n=Count("pk"),
            average=Avg(ExpressionWrapper(F("answered_at") - F("received_at"), output_field=DurationField())),
            public=Count("pk", filter=Q(is_public=True)),
        )
        received_part = RequestPart(received, "收到的留言")
        answered_part = RequestPart(answered, "已答复的留言")
        average = figures["average"]
        average_days = round(average.total_seconds() / 86400, 1) if average is not None else None
        return (
            Figure(key="msg_received", value=received_part.count(), parts=[received_part]),
            Figure(key="msg_answered", value=figures["n"], parts=[answered_part]),
            Figure(
                key="msg_average_days",
                value=average_days,
                parts=[answered_part],
                note="已答复留言从提交到答复的自然日平均数，保留一位小数。",
            ),
            Figure(key="msg_public", value=figures["public"], parts=[RequestPart(public, "公开答复的留言")]),
        )

    # Channels ------------------------------------------------------------------------

    def channels(self):
        """External channels open during the year, by platform; tolerant of a registry still in the making."""
        try:
            from townsquare.channels.models import Channel
        except ImportError:
            return None
        names = {f.name for f in Channel._meta.get_fields()}
        channels = Channel.objects.all()
        if "kind" in names:
            channels = channels.exclude(kind="platform")
        if "opened_on" in names:
            channels = channels.filter(Q(opened_on__isnull=True) | Q(opened_on__lt=self.end.date()))
        if "closed_on" in names:
            channels = channels.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=self.start.date()))
        if self.unit is not None and "unit" in names:
            channels = channels.filter(unit=self.unit)
        by_kind = {"weibo": channels.filter(kind="weibo"), "wechat": channels.filter(kind="wechat")}
        by_kind["other"] = channels.exclude(kind__in=["weibo", "wechat"])
        return channels, by_kind

    def channel_rows(self):
        found = self.channels()
        rows = []
        if found is None:
            rows.append(Row(("移动新媒体", "是否有移动新媒体"), _fact(self.facts, "media_any", "渠道登记册尚不可用。")))
            return rows
        channels, by_kind = found
        all_part = ChannelPart(channels, "移动新媒体")
        # One query for the names of every kind (for the 名称 cells).
        name_rows = list(channels.order_by("kind", "name", "pk").values_list("kind", "name"))
        rows.append(
            Row(
                ("移动新媒体", "是否有移动新媒体"),
                Figure(key="media_any", value=YES if name_rows else NO, parts=[all_part]),
            )
        )
        for kind, heading, follower_label in (
            ("weibo", "微博", "关注量"),
            ("wechat", "微信", "订阅数"),
            ("other", "其他", "关注量"),
        ):
            if kind == "other":
                names_here = [name for k, name in name_rows if k not in ("weibo", "wechat")]
            else:
                names_here = [name for k, name in name_rows if k == kind]
            part = ChannelPart(by_kind[kind], heading)
            rows.append(
                Row(
                    ("移动新媒体", heading, "名称"),
                    Figure(key=f"media_{kind}_names", value="、".join(names_here) or "无", parts=[part]),
                )
            )
            rows.append(
                Row(
                    ("移动新媒体", heading, "信息发布量"),
                    _fact(self.facts, f"media_{kind}_posts", "平台不采集外部账号的发布量。"),
                    unit="条",
                )
            )
            rows.append(
                Row(
                    ("移动新媒体", heading, follower_label),
                    _fact(self.facts, f"media_{kind}_followers", "平台不采集外部账号的关注量。"),
                    unit="个",
                )
            )
        return rows

    # The whole form ---------------------------------------------------------------------

    def site_rows(self):
        from wagtail.models import Site

        from townsquare.units.models import Unit

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        name = settings.ANNUAL_REPORT_SITE_NAME.strip() or (site.site_name if site and site.site_name else "")
        url = settings.ANNUAL_REPORT_SITE_URL.strip() or settings.WAGTAILADMIN_BASE_URL.strip()
        if self.unit is not None:
            sponsor = self.unit.name
        else:
            sponsor = settings.ANNUAL_REPORT_SPONSOR.strip()
            if not sponsor:
                county = Unit.objects.filter(kind=Unit.Kind.COUNTY).order_by("sort_order", "pk").first()
                sponsor = county.name if county else ""

        def fixed(key, label, value):
            return Row((label,), Figure(key=key, value=value or None, fill_in=True))

        return [
            fixed("site_name", "网站名称", name),
            fixed("site_url", "首页网址", url),
            fixed("site_sponsor", "主办单位", sponsor),
            fixed("site_kind", "网站类型", settings.ANNUAL_REPORT_SITE_KIND.strip()),
            fixed("site_code", "政府网站标识码", settings.SITE_CODE.strip()),
            fixed("site_icp", "ICP备案号", settings.SITE_ICP_NUMBER.strip()),
            fixed("site_psb", "公安机关备案号", settings.SITE_PSB_NUMBER.strip()),
            Row(("独立用户访问总量",), self.fact("visitors", "取自网站统计工具。"), unit="个"),
            Row(("网站总访问量",), self.fact("page_views", "取自网站统计工具。"), unit="次"),
        ]

    def publication_rows(self):
        total, overview, news, catalogue = self.publications()
        kept, new = self.topics()
        return [
            Row(("信息发布", "总数"), total, unit="条"),
            Row(("信息发布", "概况类信息更新量"), overview, unit="条"),
            Row(("信息发布", "政务动态信息更新量"), news, unit="条"),
            Row(("信息发布", "信息公开目录信息更新量"), catalogue, unit="条"),
            Row(("专栏专题", "维护数量"), kept, unit="个"),
            Row(("专栏专题", "新开设数量"), new, unit="个"),
        ]

    def interpretation_rows(self):
        total, material, product, graphic, qa, media, hotspots = self.interpretations()
        return [
            Row(("解读回应", "解读信息发布", "总数"), total, unit="条"),
            Row(("解读回应", "解读信息发布", "解读材料数量"), material, unit="条"),
            Row(("解读回应", "解读信息发布", "解读产品数量"), product, unit="条"),
            Row(("解读回应", "解读信息发布", "其中：图解"), graphic, unit="条"),
            Row(("解读回应", "解读信息发布", "其中：问答"), qa, unit="条"),
            Row(("解读回应", "解读信息发布", "媒体评论文章数量"), media, unit="篇"),
            Row(("解读回应", "回应公众关注热点或重大舆情数量"), hotspots, unit="次"),
        ]

    def service_rows(self):
        catalogue, items, online = self.services()
        f = self.facts
        return [
            Row(("办事服务", "是否发布服务事项目录"), catalogue),
            Row(("办事服务", "注册用户数"), _fact(f, "registered_users", "平台未统计注册用户数。"), unit="万"),
            Row(("办事服务", "政务服务事项数量"), items, unit="项"),
            Row(("办事服务", "可全程在线办理政务服务事项数量"), online, unit="项"),
            Row(("办事服务", "办件量", "总数"), self.bookings(), unit="万件"),
            Row(("办事服务", "办件量", "自然人办件量"), _fact(f, "cases_person"), unit="万件"),
            Row(("办事服务", "办件量", "法人办件量"), _fact(f, "cases_organisation"), unit="万件"),
        ]

    def interaction_rows(self):
        received, answered, average, public = self.requests()
        f = self.facts
        uses_platform = Figure(key="msg_unified", value=YES, note="全县各单位共用本平台“我要留言”。")
        return [
            Row(("互动交流", "是否使用统一平台"), uses_platform),
            Row(("互动交流", "留言办理", "收到留言数量"), received, unit="条"),
            Row(("互动交流", "留言办理", "办结留言数量"), answered, unit="条"),
            Row(("互动交流", "留言办理", "平均办理时间"), average, unit="天"),
            Row(("互动交流", "留言办理", "公开答复数量"), public, unit="条"),
            Row(("互动交流", "征集调查", "征集调查期数"), self.fact("survey_rounds"), unit="期"),
            Row(("互动交流", "征集调查", "收到意见数量"), self.fact("survey_opinions"), unit="条"),
            Row(("互动交流", "征集调查", "公布调查结果期数"), self.fact("survey_results"), unit="期"),
            Row(("互动交流", "在线访谈", "访谈期数"), self.fact("interview_rounds"), unit="期"),
            Row(("互动交流", "在线访谈", "网民留言数量"), self.fact("interview_messages"), unit="条"),
            Row(("互动交流", "在线访谈", "答复网民提问数量"), self.fact("interview_answers"), unit="条"),
            Row(("互动交流", "是否提供智能问答"), _fact(f, "smart_qa")),
        ]

    def security_rows(self):
        f = self.facts
        return [
            Row(("安全防护", "安全检测评估次数"), _fact(f, "security_checks"), unit="次"),
            Row(("安全防护", "发现问题数量"), _fact(f, "security_issues"), unit="个"),
            Row(("安全防护", "问题整改数量"), _fact(f, "security_fixed"), unit="个"),
            Row(("安全防护", "是否建立安全监测预警机制"), _fact(f, "security_monitoring")),
            Row(("安全防护", "是否开展应急演练"), _fact(f, "security_drills")),
            Row(("安全防护", "是否明确网站安全责任人"), _fact(f, "security_owner")),
        ]

    def signature(self):
        f = self.facts
        return [
            ("单位负责人", f.get("head", "")),
            ("审核人", f.get("reviewer", "")),
            ("填报人", f.get("filled_by", "")),
            ("联系电话", f.get("phone", "")),
            ("填报日期", f.get("filled_on", "")),
        ]

    def build(self):
        """Every row of the form, in its order."""
        innovation = _fact(self.facts, "innovation", "如：搜索即服务、多语言版本、无障碍浏览、千人千网。")
        rows = (
            self.site_rows()
            + self.publication_rows()
            + self.interpretation_rows()
            + self.service_rows()
            + self.interaction_rows()
            + self.security_rows()
            + self.channel_rows()
            + [Row(("创新发展",), innovation)]
        )
        return Report(
            year=self.year,
            unit=self.unit,
            rows=rows,
            generated_at=timezone.localtime(timezone.now(), REPORT_TIMEZONE),
            signature=self.signature(),
        )


def build_annual_report(year, unit=None):
    """The annual report of ``year`` for the whole platform (``unit`` None) or one unit."""
    return _Builder(int(year), unit).build()


def default_year(now=None):
    """Last year, the year a report is normally made for; this year while it already holds more publications.

    A county a few weeks into the new year gets last year's report; a platform (or the demo) that
    started late last year gets this year's, which is where its data is. Two count queries.
    """
    from wagtail.models import Page

    from townsquare.publishing.models import ARTICLE_MODELS

    this_year = timezone.localtime(now or timezone.now(), REPORT_TIMEZONE).year
    articles = Page.objects.live().type(*ARTICLE_MODELS)

    def published_in(year):
        start, end = year_bounds(year)
        return articles.filter(first_published_at__gte=start, first_published_at__lt=end).count()

    last_year = published_in(this_year - 1)
    return this_year - 1 if last_year and last_year >= published_in(this_year) else this_year


def available_years(now=None):
    """Years a report can be asked for: this year and the nine before it, newest first."""
    this_year = timezone.localtime(now or timezone.now(), REPORT_TIMEZONE).year
    return list(range(this_year, this_year - 10, -1))
