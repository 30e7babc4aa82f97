"""What every SMS backend shares: the result, the error, and the interface."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SmsResult:
    ok: bool
    message_id: str = ""
    code: str = ""
    error: str = ""


class SmsError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


class BaseBackend:
    provider = ""

    def send(self, phone, template_code, params):
        """Send ``params`` (an ordered dict) into the template ``template_code`` to one mainland mobile number."""
        raise NotImplementedError


def mainland_number(phone):
    """11 digits, without +86 (what Aliyun wants); E.164 is made from it where needed."""
    digits = "".join(ch for ch in str(phone) if ch.isdigit())
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) != 11 or not digits.startswith("1"):
        raise SmsError("invalid_number", "手机号码格式不对")
    return digits
