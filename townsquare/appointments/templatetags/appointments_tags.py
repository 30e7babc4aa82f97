"""``{% forgot_code_help %}``: whom to ring for a forgotten booking code, on every page that asks for one
(also on the refusal pages that ``core.ratelimit.refuse`` renders with the form alone)."""

from django import template

from ..public import help_windows

register = template.Library()


def _service_pk(request):
    text = (request.POST.get("service") or request.GET.get("service") or "") if request else ""
    return int(text) if text.isdigit() and len(text) < 10 else None


@register.inclusion_tag("appointments/parts/forgot_code.html", takes_context=True)
def forgot_code_help(context):
    request = context.get("request")
    service_pk = _service_pk(request)
    return {"windows": help_windows(service_pk), "service_pk": service_pk}
