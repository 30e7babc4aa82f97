"""Text messages (短信) to residents through a provider, chosen like Django's mail backends.

``SMS_BACKEND`` names the backend: ``console`` (the default: logged and written to files under
var/sms), ``aliyun`` (Alibaba Cloud SMS ``SendSms``) or ``tencent`` (Tencent Cloud SMS API 3.0),
or a dotted path to a class. Chinese providers only send texts from templates registered with them
in advance: callers name a message kind (``request_accepted``…), ``SMS_TEMPLATES`` maps it to the
provider's template code, and the backend fills the template's parameters.

The signing of both providers is written here (no SDKs: they are heavy and pull many packages).
"""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import SmsError, SmsResult

BACKENDS = {
    "console": "townsquare.core.sms.console.ConsoleBackend",
    "aliyun": "townsquare.core.sms.aliyun.AliyunBackend",
    "tencent": "townsquare.core.sms.tencent.TencentBackend",
}

__all__ = ["BACKENDS", "SmsError", "SmsResult", "get_backend", "send_sms", "template_code"]


def get_backend(name=None):
    name = name or settings.SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()


def template_code(provider, kind):
    """The provider's registered template for a message kind; SmsError when the county has not registered it."""
    code = settings.SMS_TEMPLATES.get(provider, {}).get(kind)
    if not code:
        raise SmsError("template_missing", f"短信模板未登记：{provider} / {kind}")
    return code


def send_sms(phone, kind, params, backend=None):
    """Send one text of ``kind`` with its ordered ``params`` (name → value); returns an SmsResult, never raises."""
    backend = backend or get_backend()
    try:
        code = template_code(backend.provider, kind)
        return backend.send(phone, code, params)
    except SmsError as error:
        return SmsResult(ok=False, code=error.code, error=error.message)
