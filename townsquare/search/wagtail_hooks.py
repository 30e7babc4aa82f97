"""Admin: 站内搜索 — dictionary, synonyms, best bets, blocked suggestions (snippets) and the 热词 / 无结果词 report."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import BestBet, BlockedSuggestion, GovTerm, Synonym
from .querylog import hot_queries


class GovTermViewSet(SnippetViewSet):
    model = GovTerm
    icon = "form"
    menu_label = "搜索词典"
    list_display = ["word", "frequency", "note", Column("updated_at", label="更新时间")]
    search_fields = ["word", "note"]
    copy_view_enabled = False
    panels = [FieldPanel("word"), FieldPanel("frequency"), FieldPanel("note")]


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "link"
    menu_label = "同义词"
    list_display = [
        "terms",
        BooleanColumn("one_way", label="只从第一个词找"),
        "note",
        Column("updated_at", label="更新时间"),
    ]
    list_filter = ["one_way"]
    search_fields = ["terms", "note"]
    copy_view_enabled = False
    panels = [FieldPanel("terms"), FieldPanel("one_way"), FieldPanel("note")]


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "推荐结果"
    list_display = [
        "query",
        Column("display_title", label="显示标题"),
        "sort_order",
        BooleanColumn("active", label="启用"),
    ]
    list_filter = ["active"]
    search_fields = ["query", "title", "url"]
    copy_view_enabled = False
    panels = [
        FieldPanel("query"),
        PageChooserPanel("page"),
        FieldPanel("url"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]


class BlockedSuggestionViewSet(SnippetViewSet):
    model = BlockedSuggestion
    icon = "cross"
    menu_label = "屏蔽的搜索提示"
    list_display = ["query", "note", "created_at"]
    search_fields = ["query", "note"]
    copy_view_enabled = False
    panels = [FieldPanel("query"), FieldPanel("note")]


class SearchSettingsGroup(SnippetViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    menu_order = 340
    items = (GovTermViewSet, SynonymViewSet, BestBetViewSet, BlockedSuggestionViewSet)


register_snippet(SearchSettingsGroup)


@permission_required("sitesearch.view_querylog", raise_exception=True)
def query_report(request):
    days = settings.SEARCH_REPORT_DAYS
    return render(
        request,
        "search/admin/query_report.html",
        {
            "days": days,
            "hot": hot_queries(days=days),
            "empty": hot_queries(days=days, empty=True),
        },
    )


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("search-report/", query_report, name="sitesearch_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("sitesearch.view_querylog")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem("搜索热词与无结果词", reverse("sitesearch_report"), icon_name="search", order=800)


@hooks.register("townsquare_search_url")
def site_search_url():
    """The 搜索 link in every public page's header (see townsquare.core.context_processors)."""
    return reverse("sitesearch:search")
