"""The frame of the page tree: the county home, the units' homes, their columns, and update records."""

import functools

from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

from townsquare.core import pagecache
from townsquare.core.viewrestrictions import CachedViewRestrictionsMixin
from townsquare.units.models import Unit

from ..routing import route_below
from .articles import UnitOwnedMixin
from .policies import PolicyPage

LIST_PAGE_SIZE = 15


class SectionPage(UnitOwnedMixin, Page):
    """A column (栏目) of a unit: lists its publications, newest first."""

    class Kind(models.TextChoices):
        NEWS = "news", "政务动态"
        NOTICE = "notice", "通知公告"
        PUBLICITY = "publicity", "公示"
        POLICY = "policy", "政策文件"
        INTERPRETATION = "interpretation", "政策解读"
        TOPIC = "topic", "专题专栏"
        GENERAL = "general", "综合"

    kind = models.CharField("栏目类型", max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    intro = models.TextField("栏目简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage", "publishing.UnitHomePage"]
    subpage_types = [
        "publishing.NewsPage",
        "publishing.NoticePage",
        "publishing.PublicityPage",
        "publishing.PolicyPage",
        "publishing.InterpretationPage",
        "publishing.TopicPage",
    ]
    template = "publishing/section_page.html"

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    KIND_MODELS = {
        Kind.NEWS: "NewsPage",
        Kind.NOTICE: "NoticePage",
        Kind.PUBLICITY: "PublicityPage",
        Kind.POLICY: "PolicyPage",
        Kind.INTERPRETATION: "InterpretationPage",
        Kind.TOPIC: "TopicPage",
    }

    def item_model(self):
        name = self.KIND_MODELS.get(self.kind)
        return apps.get_model("publishing", name) if name else None

    def accepts(self, model):
        """Whether new pages of ``model`` belong here: a typed column takes its own type, 综合 takes any."""
        item_model = self.item_model()
        return item_model is None or issubclass(model, item_model)

    def item_label(self):
        """What the admin calls a new item of this column: the column's own name (镇村动态), or none for 综合."""
        return self.title if self.item_model() is not None else ""

    def county_home(self):
        """The county home if this is one of its typed columns (which list the whole county's items), else None."""
        if self.item_model() is None:
            return None
        return HomePage.objects.filter(path=self.path[: -self.steplen]).select_related("unit").first()

    def items(self, within=None):
        """Live items newest first: this column's own, or, given a home, all of this kind below that home."""
        model = self.item_model()
        if model is None:
            return Page.objects.live().child_of(self).order_by("-first_published_at", "-path")
        queryset = (
            model.listing() if hasattr(model, "listing") else model.objects.live().order_by("-first_published_at")
        )
        if within is None:
            return queryset.child_of(self)
        pagecache.depends_on(pagecache.under_tag(within.path))
        return queryset.descendant_of(within)

    def frame(self):
        """Whether the column lists the whole county (a typed column of the county home) and the unit it names,
        kept (``pagecache.remember``) until the column, one of its ancestors or a unit changes: two queries."""

        def compute():
            home = self.county_home()
            return home is not None, (home.unit if home is not None else self.nearest_unit())

        key = f"publishing:column-frame:v1:{self.pk}"
        pages = tuple(pagecache.path_tags(self.path))
        return pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS, pages=pages)

    def get_context(self, request, *args, **kwargs):
        from .. import columns

        context = super().get_context(request, *args, **kwargs)
        county_wide, unit = self.frame()
        # The county home itself is loaded only when a kept part has to be built again.
        home = functools.cache(self.county_home) if county_wide else None
        county_column = functools.cache(lambda: columns.CountyColumn(home(), self.items(within=home())))
        chosen = None
        if county_wide:
            context["unit_choices"] = columns.unit_choices(self, county_column)
            chosen = columns.CountyColumn.chosen(request.GET.get("unit"), context["unit_choices"])
            context["chosen_unit"] = chosen
        show = request.GET.get("show") if self.kind == self.Kind.PUBLICITY else None
        validity = request.GET.get("validity") if self.kind == self.Kind.POLICY else None
        if validity not in PolicyPage.Validity.values:
            validity = None
        context["listing"] = columns.listing_html(
            self, request, home, county_column, chosen, show, validity, show_unit=bool(context.get("unit_choices"))
        )
        context["show"] = show
        context["unit"] = unit
        return context


class HomeBase(CachedViewRestrictionsMixin, Page):
    """What the county home and a unit home share: a greeting and a contact block."""

    intro = models.CharField("欢迎语", max_length=120, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="头图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.OneToOneField(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")

    content_panels = Page.content_panels + [FieldPanel("unit"), FieldPanel("intro"), FieldPanel("hero_image")]

    class Meta:
        abstract = True

    @classmethod
    def clean_subpage_models(cls):
        """Also the page types of hook ``townsquare_home_subpage_types``: fn() -> ["app.Model", ...]."""
        resolved = cls._clean_subpage_models is not None
        types = super().clean_subpage_models()  # Wagtail caches this list; extend it on first use only
        if not resolved:
            for provider in hooks.get_hooks("townsquare_home_subpage_types"):
                types.extend(m for m in map(resolve_model_string, provider()) if m not in types)
        return types

    def route(self, request, path_components):
        """The page for a URL below this home in two queries (``publishing.routing``)."""
        if not path_components:
            return super().route(request, path_components)
        walk = super().route
        return route_below(self, request, path_components, HomeBase.route, walk)

    def section(self, kind):
        return SectionPage.objects.live().child_of(self).filter(kind=kind).first()

    def sections(self):
        """The home's columns in tree order: its typed columns, then what other apps put under it (办事指南,
        政府信息公开, archives — hook ``townsquare_home_subpage_types``), loaded only as far as a link needs."""
        link_fields = ("title", "url_path", "path", "depth", "locale_id")
        columns = list(SectionPage.objects.live().child_of(self).only(*link_fields, "kind").order_by("path"))
        others = Page.objects.live().child_of(self).not_type(SectionPage, UnitHomePage).only(*link_fields)
        return [*columns, *others.order_by("path")]


class HomePage(HomeBase):
    """The county home page: life services first, then what is current, then news."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["publishing.SectionPage", "publishing.UnitHomePage"]
    template = "publishing/home_page.html"
    max_count = 1

    class Meta:
        verbose_name = "县首页"
        verbose_name_plural = "县首页"

    def get_context(self, request, *args, **kwargs):
        from ..queries import home_blocks, life_grid

        context = super().get_context(request, *args, **kwargs)
        context["home_blocks"] = home_blocks(self, scope=None, show_unit=True, request=request)
        context["life_grid"] = life_grid(request)
        return context


class UnitHomePage(HomeBase):
    """网上的X镇: a town's or department's own front door on the county platform."""

    parent_page_types = ["publishing.HomePage"]
    subpage_types = ["publishing.SectionPage"]
    template = "publishing/unit_home_page.html"

    class Meta:
        verbose_name = "单位主页"
        verbose_name_plural = "单位主页"

    def get_context(self, request, *args, **kwargs):
        from ..queries import home_blocks, life_grid

        context = super().get_context(request, *args, **kwargs)
        context["home_blocks"] = home_blocks(self, scope=self, show_unit=False, request=request)
        context["life_grid"] = life_grid(request)
        return context


class UpdateRecord(models.Model):
    """One public line of a page's update history (a major change with its note)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="update_records")
    revision = models.OneToOneField("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    noted_at = models.DateTimeField("更新时间")
    note = models.CharField("更新说明", max_length=200)

    class Meta:
        ordering = ["-noted_at", "-pk"]
        verbose_name = "更新记录"
        verbose_name_plural = "更新记录"

    def __str__(self):
        return f"{self.noted_at:%Y-%m-%d %H:%M} {self.note}"
