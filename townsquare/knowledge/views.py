"""/wenda/: the knowledge base for residents, the suggestions endpoint of the 留言 form and its counter."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from townsquare.core import pagecache, ratelimit

from . import matching, tally
from .continuing import continue_url
from .models import Entry

PAGE_SIZE = 20


def _limited(request):
    address = ratelimit.client_ip(request)
    if ratelimit.reached("knowledge-ip", address, settings.KNOWLEDGE_REQUESTS_PER_IP_HOUR):
        return True
    ratelimit.hit("knowledge-ip", address, ratelimit.HOUR)
    return False


@require_GET
def entry_list(request):
    entries = Entry.objects.live().select_related("unit")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "knowledge/list.html", {"page_obj": page})


@require_GET
def entry_detail(request, pk):
    entry = get_object_or_404(Entry.objects.live().select_related("unit"), pk=pk)
    return render(
        request,
        "knowledge/entry.html",
        {"entry": entry, "source_link": entry.source_link(), "continue_url": continue_url(entry.question)},
    )


@require_GET
def suggest(request):
    """Entries the text being typed may be answered by (JSON), for the 留言 form's script. Not kept in the page
    cache: every keystroke is a new address, and the answer comes from the per-process index anyway."""
    pagecache.do_not_cache()
    if _limited(request):
        return JsonResponse({"entries": []}, status=429)
    found = matching.suggestions_for(request.GET.get("text", ""))
    return JsonResponse(
        {
            "entries": [
                {"id": m.entry_id, "question": m.question, "answer": m.preview, "unit": m.unit_name, "url": m.url}
                for m in found
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt  # a count with no cookie and nothing personal; a forged one adds one to a day's figure
@require_POST
def count(request):
    event = request.POST.get("event", "")
    if event not in tally.CLIENT_EVENTS:
        return HttpResponse(status=400)
    if _limited(request):
        return HttpResponse(status=429)
    tally.record(event)
    return HttpResponse(status=204)
