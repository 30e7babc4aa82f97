"""Public pages: every channel of the county by unit (/zhanghao/), and a stopped account's page (/zhanghao/<pk>/)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .models import Channel
from .qr import qr_data_uri


def public_listing():
    """Every channel, with the unit and the pages the list links to, in one query."""
    return Channel.objects.select_related("unit", "page").order_by("unit__sort_order", "unit_id", "kind", "name")


def public_address(channel):
    """The path a channel's QR code opens: a section's page, else the account's record on this site."""
    if channel.kind == Channel.Kind.PLATFORM:
        return channel.page.url if channel.page_id and channel.page is not None else ""
    return reverse("channels:detail", args=[channel.pk])


def channel_index(request):
    groups = []
    for channel in public_listing():
        address = public_address(channel)
        channel.qr = qr_data_uri(request.build_absolute_uri(address)) if address else ""
        if not groups or groups[-1]["unit"].pk != channel.unit_id:
            groups.append({"unit": channel.unit, "platform": [], "external": []})
        groups[-1]["platform" if channel.kind == Channel.Kind.PLATFORM else "external"].append(channel)
    counts = {status: 0 for status in Channel.Status.values}
    for group in groups:
        for channel in group["external"]:
            counts[channel.status] += 1
    context = {"groups": groups, "counts": counts, "Status": Channel.Status}
    return TemplateResponse(request, "channels/index.html", context)


def channel_detail(request, pk):
    channel = get_object_or_404(
        Channel.objects.select_related("unit", "suspension_notice", "archive_page", "continues_page"), pk=pk
    )
    if channel.kind == Channel.Kind.PLATFORM:
        if channel.page is None:
            raise Http404
        return redirect(channel.page.url)
    return TemplateResponse(request, "channels/detail.html", {"channel": channel})
