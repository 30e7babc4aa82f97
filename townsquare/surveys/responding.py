"""Answering a survey: who is answering (counted once), and storing one response.

A verified survey counts the ``person_key`` of ``core/verification`` (purpose ``surveys``: a resident who
proved a phone once in a visit answers other surveys without a new code). A light survey counts a random
token kept in a signed cookie, with a per-address limit. Either way the stored ``respondent_key`` is a keyed
hash of the survey and that identity, so one person's responses to two surveys cannot be linked.

A second response from the same person is refused politely (we do not offer to change the first: a survey's
results may already be read while it runs, and a changeable answer invites repeated tries).
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from townsquare.core import ratelimit, verification

from .models import SurveyAnswer, SurveyPage, SurveyResponse

PURPOSE = "surveys"
TOKEN_COOKIE = "ts_survey"
TOKEN_SALT = "townsquare.surveys.token"
RESPONDENT_SALT = "townsquare.surveys.respondent"
BROWSER_LIMIT_SCOPE = "surveys-browser-ip"


class AlreadyAnswered(Exception):
    """This person has answered the survey before."""


def respondent_key(survey, identity):
    return salted_hmac(RESPONDENT_SALT, f"{survey.pk}:{identity}").hexdigest()


# --- the browser token of light surveys ---------------------------------------------------------------------


def browser_token(request):
    """The token this browser carries (signed cookie), or None."""
    return request.get_signed_cookie(TOKEN_COOKIE, default=None, salt=TOKEN_SALT)


def new_browser_token():
    return secrets.token_urlsafe(24)


def set_browser_token(response, token):
    response.set_signed_cookie(
        TOKEN_COOKIE,
        token,
        salt=TOKEN_SALT,
        max_age=settings.SURVEY_TOKEN_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def browser_limit_reached(request):
    return ratelimit.reached(
        BROWSER_LIMIT_SCOPE, ratelimit.client_ip(request), settings.SURVEY_BROWSER_RESPONSES_PER_IP_HOUR
    )


# --- who is answering -------------------------------------------------------------------------------------------


def identity(request, survey):
    """What counts this person once for ``survey``: the verified person_key, the browser token, or None."""
    if survey.identity == SurveyPage.Identity.VERIFIED:
        return verification.verified_person(request, PURPOSE)
    return browser_token(request)


def has_answered(survey, ident):
    return (
        ident is not None
        and SurveyResponse.objects.filter(survey=survey, respondent_key=respondent_key(survey, ident)).exists()
    )


# --- storing ----------------------------------------------------------------------------------------------------


def submit(survey, ident, answers, submission_key, request=None):
    """Store one response with its ``answers`` ([(question, choice, text)]); the same submission sent again
    returns the first one; AlreadyAnswered when this person answered before."""
    earlier = SurveyResponse.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return earlier
    key = respondent_key(survey, ident)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, respondent_key=key, submission_key=submission_key)
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(response=response, question=question, choice=choice, text=text)
                for question, choice, text in answers
            )
    except IntegrityError:
        earlier = SurveyResponse.objects.filter(submission_key=submission_key).first()
        if earlier is not None:  # the same form sent twice at once
            return earlier
        raise AlreadyAnswered from None
    if request is not None and survey.identity == SurveyPage.Identity.BROWSER:
        ratelimit.hit(BROWSER_LIMIT_SCOPE, ratelimit.client_ip(request))
    return response
