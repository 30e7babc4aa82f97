"""The e-mails residents get about their cases: plain words, the tracking number, a link; nothing personal."""

import re

from django.conf import settings
from django.utils import timezone

from townsquare.core.sms.texts import TEXTS as SMS_TEXTS

# kind → (subject, the lead paragraph); ${number}, ${due}, ${when} are filled from the delivery's params.
EMAILS = {
    "request_accepted": ("您的留言已受理", "您的留言已受理，承办单位会在${due}前答复您。"),
    "request_more_info": (
        "请补充您的留言",
        "承办单位需要您补充一些情况才能继续办理。请打开下面的链接，用受理编号和查询密码查看并补充。",
    ),
    "request_deadline_moved": ("留言答复期限有调整", "您的留言答复期限调整为${due}。"),
    "request_answered": ("您的留言已答复", "您的留言已经答复。请打开下面的链接查看答复，并告诉我们是否满意。"),
    "application_accepted": ("政府信息公开申请已收到", "您的政府信息公开申请已收到，答复期限为${due}。"),
    "application_correction": (
        "请补正政府信息公开申请",
        "您的申请需要补正，补正告知书已另行发送，也可以在查询页面下载。",
    ),
    "application_deadline_moved": ("申请答复期限有调整", "您的政府信息公开申请答复期限调整为${due}。"),
    "application_decided": ("政府信息公开申请已答复", "您的政府信息公开申请已经答复，答复书可在查询页面下载。"),
    "booking_made": ("预约成功", "您已预约${when}办理业务。不能按时来的话，请改约或取消，把名额让给别人。"),
    "booking_moved": ("预约已改约", "您的预约已改到${when}。"),
    "booking_cancelled": ("预约已取消", "您的预约已取消。需要的话可以重新预约。"),
    "booking_reminder": ("预约提醒", "提醒您：您预约了${when}办理业务，请按时前来，带齐材料。"),
    "followup": (
        "问题解决了吗？",
        "您反映的事项答复已经一周了。问题解决了吗？请点下面的链接告诉我们，不用登录，点一下就行。",
    ),
}
NUMBER_LABELS = {"booking": "预约码", "application": "申请编号"}
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def fill(template, params):
    return PLACEHOLDER.sub(lambda match: str(params.get(match.group(1), "")), template)


def sms_order(kind):
    """The template's parameters in the order they appear (Tencent's TemplateParamSet is positional)."""
    return list(dict.fromkeys(PLACEHOLDER.findall(SMS_TEXTS[kind])))


def email(kind, params, link, optout_link):
    """(subject, body) of one e-mail."""
    subject, lead = EMAILS[kind]
    label = params.get("number_label") or NUMBER_LABELS.get(kind.split("_")[0], "受理编号")
    number = params.get("number", "")
    lines = ["您好：", "", fill(lead, params), "", f"{label}：{number}"]
    if params.get("details"):  # lines the app adds about the case (a booking's place and window), nothing personal
        lines.append(params["details"])
    if link:
        lines.append(("点这里回答：" if kind == "followup" else "查看办理进度：") + link)
    lines += [
        "",
        f"不想再收到这类邮件，请点这里退订：{optout_link}",
        "这封邮件由系统自动发送，请不要直接回复。",
        settings.SMS_SIGN_NAME,
    ]
    return f"{subject}（{label}{number}）", "\n".join(lines)


def day(moment):
    """A deadline or date as residents read it: 2026年12月08日."""
    if moment is None:
        return ""
    if hasattr(moment, "hour") and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%Y年%m月%d日}"
