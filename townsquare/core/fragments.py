"""Parts of a page rendered on their own, to be kept with ``pagecache.remember``: a list's cards and pager."""

import hashlib

from django.template import Context
from django.template.loader import get_template


def render(template_name, context, request):
    """``template_name`` rendered with ``context`` and the request (``{% querystring %}`` reads it from the
    context object), without the context processors: a fragment needs none of the chrome they gather."""
    fragment = Context({**context, "request": request})
    fragment.request = request
    return get_template(template_name).template.render(fragment)


def query_key(request):
    """A short key for the request's query string: the filters, page number and anything else the pager's
    links carry over."""
    return hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
