"""告知书: the written notices an application produces (补正, 延期, 征求第三方意见, the answer itself).

Each is a one-page A4 PDF (reportlab, in the platform's embedded Chinese font, core.pdf_font), kept in
private storage (downloadable by the unit's staff and, with the query password, by the applicant) and
e-mailed to the applicant when they gave an address (Django mail, once the step is committed). A failing
mail server does not undo the step: the notice is kept and the applicant can download it from the query page.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from townsquare.core.pdf_font import register_font

from .models import Notice

logger = logging.getLogger(__name__)


def _date(moment):
    return timezone.localtime(moment).strftime("%Y年%m月%d日") if moment else ""


def paragraphs(notice):
    """The notice's text, paragraph by paragraph (also the e-mail's body)."""
    app, Kind = notice.application, Notice.Kind
    unit = app.unit.display_name
    head = [
        f"{app.name}：",
        f"您于{_date(app.received_at)}向本机关提出的政府信息公开申请（申请编号{app.tracking_number}）收悉。",
    ]
    if notice.kind == Kind.CORRECTION:
        body = [
            "经审查，您的申请内容不够明确或者不完整。根据《中华人民共和国政府信息公开条例》第二十九条、第三十条的规定，"
            "请您补正以下内容：",
            app.correction_missing,
            "请在收到本告知书之日起15个工作日内补正。答复期限自本机关收到补正后的申请之日起计算。"
            "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
            "补正可以在网站“申请查询”页面用申请编号和查询密码直接提交。",
        ]
    elif notice.kind == Kind.EXTENSION:
        body = [
            "因" + (app.extension_reason or "情况复杂") + "，本机关不能在规定期限内作出答复。根据《中华人民共和国"
            f"政府信息公开条例》第三十三条的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{app.extension_working_days}"
            f"个工作日，延长后的答复期限为{_date(app.answer_due)}。",
        ]
    elif notice.kind == Kind.CONSULTATION:
        parties = "、".join(c.third_party for c in app.consultations.all())
        body = [
            f"您申请公开的政府信息可能损害第三方合法权益，本机关已书面征求第三方（{parties}）的意见。"
            "根据《中华人民共和国政府信息公开条例》第三十二条的规定，征求第三方意见所需时间不计算在答复期限内。",
        ]
    elif notice.kind == Kind.TRANSFER:
        body = [
            "您在“我要留言”提出的事项属于政府信息公开申请，本机关已按政府信息公开申请办理，"
            "答复期限自收到之日起20个工作日。请用申请编号在网站“申请查询”页面查看进度。",
        ]
    else:
        body = [f"经审查，本机关对您的申请作出如下答复：{app.outcome_label}。", app.decision_text]
        if app.legal_basis:
            body.append(f"依据：{app.legal_basis}。")
        body.append("如对本答复不服，可以在收到本答复书之日起60日内依法申请行政复议，或者在6个月内依法提起行政诉讼。")
    return head + [text for text in body if text] + [unit, _date(notice.created_at)]


def render_pdf(notice):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    title = notice.get_kind_display()
    texts = paragraphs(notice)
    font = register_font(title + "".join(texts))
    heading = ParagraphStyle("title", fontName=font, fontSize=18, leading=26, alignment=1)
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    right = ParagraphStyle("right", parent=body, alignment=2, firstLineIndent=0)
    story = [
        Paragraph(title, heading),
        Spacer(1, 8 * mm),
        Paragraph(_escape(texts[0]), right.clone("first", alignment=0)),
    ]
    story += [Paragraph(_escape(text), body) for text in texts[1:-2]]
    story += [Spacer(1, 10 * mm), Paragraph(_escape(texts[-2]), right), Paragraph(_escape(texts[-1]), right)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=25 * mm, rightMargin=25 * mm).build(story)
    return buffer.getvalue()


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def issue(application, kind, now=None):
    """Make the notice (PDF kept in private storage) and mail it when the applicant gave an address."""
    notice = Notice.objects.create(application=application, kind=kind, created_at=now or timezone.now())
    notice.pdf.save(f"{application.tracking_number}-{kind}-{notice.pk}.pdf", ContentFile(render_pdf(notice)))
    if application.email:
        transaction.on_commit(lambda: _mail(notice))
    return notice


def _mail(notice):
    application = notice.application
    message = EmailMessage(
        f"{notice.get_kind_display()}（申请编号{application.tracking_number}）",
        "\n\n".join(paragraphs(notice)),
        to=[application.email],
    )
    with notice.pdf.open("rb") as pdf:
        message.attach(f"{notice.get_kind_display()}.pdf", pdf.read(), "application/pdf")
    try:
        message.send()
    except Exception:  # the notice stays downloadable from the query page
        logger.exception("a disclosure notice could not be e-mailed")
        return
    Notice.objects.filter(pk=notice.pk).update(emailed_to=application.email)
