from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .life import interaction_entries, life_service, life_services


def _safe_next(request, fallback="/"):
    target = request.POST.get("next") or request.GET.get("next") or request.META.get("HTTP_REFERER") or fallback
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return fallback
    return target


@require_http_methods(["GET", "POST"])
def elder_mode(request):
    """Switch 长辈版 on or off and go back to where the resident was; works without JavaScript."""
    turn_on = (request.POST.get("on") or request.GET.get("on")) == "1"
    response = HttpResponseRedirect(_safe_next(request))
    if turn_on:
        response.set_cookie(settings.ELDER_MODE_COOKIE, "1", max_age=settings.ELDER_MODE_COOKIE_AGE, samesite="Lax")
    else:
        response.delete_cookie(settings.ELDER_MODE_COOKIE, samesite="Lax")
    return response


def life_service_page(request, slug):
    """A life-service entry that a later capability fills; until then it says what the resident can do now."""
    service = life_service(slug)
    if service is None:
        raise Http404
    return render(request, "core/life_service.html", {"service": service, "life_services": life_services()})


@require_http_methods(["GET", "HEAD"])
def interaction(request):
    """互动交流: every way a resident can ask, comment, answer a survey or vote, on one page."""
    return render(request, "core/interaction.html", {"entries": interaction_entries()})


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the error may come from them (or from the database).
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
