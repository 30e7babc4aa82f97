"""/search/ (HTML, works without JavaScript), /api/search/ (JSON) and /api/search/suggest/ (typing suggestions)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from townsquare.core.ratelimit import client_ip

from . import query, suggestions
from .forms import SearchForm


def _run(request, log=True):
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.params()
    results = query.search(params, log=log, address=client_ip(request)) if params.q.strip() else None
    return form, params, results


@require_GET
def search_page(request):
    form, params, results = _run(request)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "form": form,
        "params": params,
        "results": results,
        "filtered": bool(params.kinds or params.unit_id or params.date_from or params.date_to),
        "base_query": querystring.urlencode(),
    }
    if results is None:
        # Nothing typed yet: what others search for, and the common tasks.
        context["hot_words"] = suggestions.hot_words()
        context["common_tasks"] = suggestions.common_tasks()
    return render(
        request,
        "search/search.html",
        context,
        status=400 if form.out_of_range() else 200,
    )


def _hit_json(hit):
    return {
        "title": hit.title,
        "url": hit.url,
        "type": hit.kind,
        "type_label": hit.kind_label,
        "unit": hit.unit_name,
        "date": hit.date.isoformat() if hit.date else None,
        "snippet": hit.snippet,
        "snippet_html": str(hit.snippet_html),
        "document_number": hit.doc_number,
    }


@require_GET
def search_api(request):
    form, params, results = _run(request)
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    status = 400 if form.out_of_range() else 200
    if results is None:
        return JsonResponse(
            {"query": "", "total": 0, "page": 1, "pages": 0, "page_size": 0, "results": [], "errors": errors},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {
            "query": results.query,
            "total": results.total,
            "page": results.page,
            "pages": results.pages,
            "page_size": results.page_size,
            "relaxed": results.relaxed,
            "did_you_mean": results.did_you_mean,
            "corrections": [{"typed": typed, "meant": meant} for typed, meant in results.corrections],
            "best_bets": [
                {"title": bet.display_title, "url": bet.target_url, "description": bet.description}
                for bet in results.best_bets
            ],
            "results": [_hit_json(hit) for hit in results.hits],
            "missing_document_number": results.missing_doc_number,
            "near_document_numbers": [_hit_json(hit) for hit in results.near_doc_numbers],
            "errors": errors,
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def suggest_api(request):
    prefix = request.GET.get("q", "")
    return JsonResponse(
        {"query": prefix, "suggestions": suggestions.suggestions(prefix)}, json_dumps_params={"ensure_ascii": False}
    )
