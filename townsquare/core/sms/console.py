"""The default SMS backend: nothing leaves the machine. Each text is logged (number masked) and
written in full to a 0600 file under var/sms, like the file mail backend, so it can be read there."""

import json
import logging
import os
import uuid
from datetime import UTC, datetime

from django.conf import settings

from townsquare.core.varfiles import PRIVATE_FILE_MODE, private_dir

from .base import BaseBackend, SmsResult, mainland_number
from .texts import TEXTS

logger = logging.getLogger(__name__)


class ConsoleBackend(BaseBackend):
    provider = "console"

    def send(self, phone, template_code, params):
        number = mainland_number(phone)
        message_id = uuid.uuid4().hex
        text = render(template_code, params)
        logger.info("SMS %s to %s****%s: %s", message_id, number[:3], number[-4:], text)
        folder = private_dir(settings.SMS_FILE_PATH)
        path = folder / f"{datetime.now(UTC):%Y%m%d}.log"
        record = {"id": message_id, "to": number, "template": template_code, "params": params, "text": text}
        with open(path, "a", encoding="utf-8", opener=_private_opener) as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return SmsResult(ok=True, message_id=message_id)


def render(template_code, params):
    """The text as the provider would send it: the console "templates" are the kind's own wording."""
    text = TEXTS.get(template_code, "")
    for name, value in params.items():
        text = text.replace("${" + name + "}", str(value))
    return f"【{settings.SMS_SIGN_NAME}】{text}" if text else json.dumps(params, ensure_ascii=False)


def _private_opener(path, flags):
    return os.open(path, flags, PRIVATE_FILE_MODE)
