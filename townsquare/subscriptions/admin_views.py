"""订阅 in the Wagtail admin, for county staff: subscribers counted by kind, and the delivery log.

Read-only; addresses are masked (z***@example.com), WeChat subscribers shown as 微信 (never their openid).
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.core.privacy import mask_text
from townsquare.units.permissions import StaffOnlyMixin

from .models import Delivery, Kind, Subscriber, Subscription

PER_PAGE = 50


def counts_by_kind():
    """(label, confirmed subscriptions, pending ones) for every kind."""
    rows = dict.fromkeys(Kind.values, (0, 0))
    for row in Subscription.objects.values("kind").annotate(
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)), pending=Count("pk", filter=Q(confirmed_at=None))
    ):
        rows[row["kind"]] = (row["confirmed"], row["pending"])
    return [(Kind(kind).label, *figures) for kind, figures in rows.items()]


class SubscriptionsView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    county_only = True
    template_name = "subscriptions/admin/overview.html"
    page_title = "订阅"
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log = Delivery.objects.select_related("message", "subscriber").order_by("-queued_at", "-pk")
        status = self.request.GET.get("status", "")
        if status in Delivery.Status.values:
            log = log.filter(status=status)
        page = Paginator(log, PER_PAGE).get_page(self.request.GET.get("p"))
        for row in page.object_list:
            row.masked_email = (
                "微信" + ("（无法送达）" if row.subscriber.unreachable_at else "")
                if row.subscriber.by_wechat
                else mask_text(row.subscriber.email)
            )
        confirmed = Subscriber.objects.filter(confirmed_at__isnull=False)
        context.update(
            kinds=counts_by_kind(),
            subscribers=confirmed.filter(openid="").count(),
            wechat=confirmed.exclude(openid="").count(),
            unreachable=confirmed.filter(unreachable_at__isnull=False).count(),
            pending=Subscriber.objects.filter(confirmed_at=None).count(),
            statuses=Delivery.Status.choices,
            status=status,
            page=page,
        )
        return context
