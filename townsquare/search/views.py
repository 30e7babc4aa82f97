"""/search/ (HTML, works without JavaScript), /api/search/ (JSON) and /api/search/suggest/ (typing suggestions).

Hook read: ``townsquare_search_answer`` — fn(query) -> an answer or None (the knowledge base's entry that answers
the query outright: ``question``, ``preview``, ``unit_name``, ``url``, ``continue_url`` — the 留言 form with the
query carried over), shown as a card on top of page 1.

The page's form and results for one query string are the same for every visitor: they are rendered
once as a part (``core.fragments``) kept with ``pagecache.remember`` until what they read changes
(the search's tables and pages, the knowledge entries, the units); only the query log is written on
every search.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from wagtail import hooks

from townsquare.core import fragments, pagecache
from townsquare.core.ratelimit import client_ip

from . import query, suggestions
from .forms import SearchForm
from .querylog import log_query


def _answer(params, results):
    """The first answer a ``townsquare_search_answer`` hook gives for page 1 of a search, or None."""
    if results is None or results.refused or results.page != 1:
        return None
    for fn in hooks.get_hooks("townsquare_search_answer"):
        answer = fn(params.q)
        if answer is not None:
            return answer
    return None


def _run(request, log=True):
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.params()
    results = query.search(params, log=log, address=client_ip(request)) if params.q.strip() else None
    return form, params, results


def _query_part(request):
    """The form and the results of this query string, rendered: {html, query, status, log: what the query
    log counts of the search or None}."""
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.params()
    results = query.search(params, log=False)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "form": form,
        "params": params,
        "results": results,
        "filtered": bool(params.kinds or params.unit_id or params.date_from or params.date_to),
        "base_query": querystring.urlencode(),
        "answer": _answer(params, results),
    }
    return {
        "html": fragments.render("search/parts/query.html", context, request),
        "query": results.query,
        "status": 400 if form.out_of_range() else 200,
        "log": query.log_entry(results),
    }


def _kept_query_part(request):
    site = getattr(request, "_wagtail_site", None)
    key = f"search:page:v1:{getattr(site, 'pk', 0)}:{fragments.query_key(request)}"
    part = pagecache.remember(key, lambda: _query_part(request), settings.PAGE_FRAGMENT_SECONDS)
    if part["log"]:
        log_query(*part["log"], address=client_ip(request))
    return part


@require_GET
def search_page(request):
    if request.GET.get("q", "").strip():
        part = _kept_query_part(request)
        context = {"query_part": mark_safe(part["html"]), "query": part["query"]}
        return render(request, "search/search.html", context, status=part["status"])
    # Nothing typed yet: the form, what others search for, and the common tasks.
    form, params, _results = _run(request)
    context = {
        "form": form,
        "params": params,
        "filtered": bool(params.kinds or params.unit_id or params.date_from or params.date_to),
        "hot_words": suggestions.hot_words(),
        "common_tasks": suggestions.common_tasks(),
    }
    return render(request, "search/search.html", context, status=400 if form.out_of_range() else 200)


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


def _answer_json(answer):
    if answer is None:
        return None
    return {
        "question": answer.question,
        "answer": answer.preview,
        "unit": answer.unit_name,
        "url": answer.url,
        "continue_url": answer.continue_url,
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
            "answer": _answer_json(_answer(params, results)),
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
