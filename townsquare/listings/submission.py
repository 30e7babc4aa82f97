"""Listings from the public: submitting, verifying the e-mail, and the submitter's management code.

Everything from the public waits for moderation. An e-mail address, when given, is checked
with a six-digit code sent to it (the moderators see whether it was confirmed); without one,
the listing is simply held for review and the moderators check the phone number themselves.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from .models import Source, Status, listing_model

logger = logging.getLogger(__name__)

# How long the plain management code stays findable by its submission key, for a form sent twice:
# the browser keeps the second answer, which must show the code the first one issued.
CODE_REMEMBERED_SECONDS = 600


def _code_cache_key(submission_key):
    return "listings:issued-code:" + hashlib.sha256(submission_key.encode()).hexdigest()[:32]


def already_received(model, submission_key):
    """The listing a form with this submission key already created, or None."""
    return model.objects.filter(submission_key=submission_key).first() if submission_key else None


def issued_code(submission_key):
    """The management code issued for this submission key in the last minutes, or "" (cache down, expired)."""
    try:
        return cache.get(_code_cache_key(submission_key), "") if submission_key else ""
    except Exception:  # the done page then explains how to get in without the code
        logger.warning("cache unavailable for an issued management code", exc_info=True)
        return ""


def submit(model, fields, *, photos=(), submission_key=None):
    """Store a public submission (pending). Returns (listing, management code, e-mail sent)."""
    with transaction.atomic():
        listing = model(**fields, source=Source.PUBLIC, status=Status.PENDING, unit=None, submission_key=submission_key)
        code = listing.set_management_code()
        verification = listing.set_verification_code() if listing.contact_email else None
        listing.full_clean(exclude=["submission_key"])
        listing.save()
        for position, photo in enumerate(photos):
            photo.rental = listing
            photo.sort_order = position
            photo.save()
        if submission_key:  # before the commit: a resend that finds the listing finds the code too
            try:
                cache.set(_code_cache_key(submission_key), code, CODE_REMEMBERED_SECONDS)
            except Exception:
                logger.warning("cache unavailable for an issued management code", exc_info=True)
    sent = False
    if verification:
        sent = send_verification(listing, verification)
    return listing, code, sent


def send_verification(listing, code):
    try:
        send_mail(
            f"您提交的{listing.kind_label}信息：邮箱验证码 {code}",
            (
                f"您好！\n\n您在示范县网上提交了{listing.kind_label}信息“{listing.title}”。"
                f"验证码是：{code}\n\n请在提交成功的页面输入它，证明这个邮箱是您的。"
                "如果不是您提交的，不用理会这封邮件。\n"
            ),
            None,
            [listing.contact_email],
        )
        return True
    except Exception:  # the listing is kept and held for review; the page says the mail did not go out
        logger.exception("verification e-mail for %s failed", listing.reference)
        return False


def verify_email(listing, code):
    """True when ``code`` is the one sent; raises ValidationError with a message otherwise."""
    if listing.email_verified:
        return True
    if not listing.verification_code_hash:
        raise ValidationError("这条信息没有需要验证的邮箱。")
    limit = settings.LISTINGS_VERIFY_MAX_ATTEMPTS
    if listing.verification_attempts >= limit:
        raise ValidationError(f"验证码已经输错{limit}次，不能再试了。信息仍会由工作人员人工审核。")
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) == 6 and check_password(code, listing.verification_code_hash):
        type(listing).objects.filter(pk=listing.pk).update(email_verified=True, verification_code_hash="")
        listing.email_verified, listing.verification_code_hash = True, ""
        return True
    listing.verification_attempts += 1
    type(listing).objects.filter(pk=listing.pk).update(verification_attempts=listing.verification_attempts)
    left = limit - listing.verification_attempts
    raise ValidationError(f"验证码不对，请核对邮件里的6位数字。还可以再试{left}次。" if left else "验证码不对。")


def parse_reference(reference):
    """("jobs", 12) from "jobs-12" (case and spaces forgiven), or None."""
    kind, _, number = (reference or "").strip().lower().partition("-")
    if listing_model(kind) is None or not number.isdigit() or len(number) > 12:
        return None
    return kind, int(number)


def find_by_reference(reference):
    parsed = parse_reference(reference)
    if parsed is None:
        return None
    model = listing_model(parsed[0])
    return model.objects.select_related("town").filter(pk=parsed[1], source=Source.PUBLIC).first()


def submitter_status(listing):
    """What the submitter reads about their listing: (the status, what it means), each said once."""
    if listing.status == Status.PENDING:
        return "待审核", "工作人员审核通过后，就会出现在列表里。"
    if listing.status == Status.REJECTED:
        return "未通过", "没有出现在列表里。"
    if listing.status == Status.TAKEN_DOWN:
        return "已撤下", "不再公开显示。"
    if listing.is_expired:
        return "已过期", "不在列表里了。可以续期，重新显示。"
    return "已发布", "正在列表里显示。"
