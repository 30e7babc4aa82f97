"""Running the health checks and keeping their results; the weekly digest to each unit's head."""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string

from townsquare.units.models import Membership, Role, Unit

from .models import HealthRun, UnitScore
from .rules import evaluate
from .scoring import ADVICE, DEDUCTION, VETO, Finding

logger = logging.getLogger(__name__)

# Supervisors: the 负责人 and 审核 of the county unit and of the media centre (and superusers).
SUPERVISING_ROLES = (Role.HEAD, Role.REVIEWER)


@transaction.atomic
def store(evaluation, trigger="scheduled"):
    """Keep a ``scoring.Evaluation`` as a HealthRun with one UnitScore per unit."""
    county = evaluation.county
    run = HealthRun.objects.create(
        ran_at=evaluation.now,
        county_score=county.score,
        county_passed=evaluation.county_passed(),
        county_vetoes=len(evaluation.all_vetoes()),
        county_findings=[f.to_dict() for f in county.findings if f.severity != ADVICE],
        trigger=trigger,
    )
    UnitScore.objects.bulk_create(
        UnitScore(
            run=run,
            unit=result.scope.unit,
            score=result.score,
            passed=result.passed,
            vetoes=len(result.vetoes),
            deductions=len(result.deductions),
            findings=[f.to_dict() for f in result.findings],
        )
        for result in evaluation.units
    )
    return run


def run_health_check(now=None, trigger="scheduled"):
    """Evaluate every rule for the county and every unit at ``now`` and store the result."""
    return store(evaluate(now), trigger)


def latest_run():
    return HealthRun.objects.first()


def findings_of(score):
    return [Finding.from_dict(item) for item in score.findings]


# --- The weekly digest ---------------------------------------------------------------------------


def digest_recipients(units):
    """{unit id: [e-mail]}: the unit's 负责人 with an e-mail address, else the unit's own address."""
    heads = defaultdict(list)
    memberships = (
        Membership.objects.filter(unit__in=units, role=Role.HEAD, user__is_active=True)
        .exclude(user__email="")
        .values_list("unit_id", "user__email")
    )
    for unit_id, email in memberships:
        if email not in heads[unit_id]:
            heads[unit_id].append(email)
    return {unit.pk: heads.get(unit.pk) or ([unit.email] if unit.email else []) for unit in units}


def supervisor_emails():
    """The supervisors' addresses: the county unit's and media centre's heads (else the unit's own address, as
    the digest does), their reviewers, and superusers; each once."""
    units = list(Unit.objects.filter(Q(kind=Unit.Kind.COUNTY) | Q(is_media_center=True)).order_by("sort_order", "pk"))
    emails = [email for unit_emails in digest_recipients(units).values() for email in unit_emails]
    emails += (
        Membership.objects.filter(unit__in=units, role__in=SUPERVISING_ROLES, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    emails += (
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys(emails))


def send_digests(run=None):
    """One e-mail per unit with open vetoes or deductions in the latest run; returns how many went out."""
    run = run or latest_run()
    if run is None:
        return 0
    scores = [s for s in run.unit_scores.select_related("unit") if s.vetoes or s.deductions]
    recipients = digest_recipients([s.unit for s in scores])
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for score in scores:
        to = recipients.get(score.unit_id) or []
        if not to:
            logger.warning("oversight digest: %s has no e-mail for its 负责人", score.unit)
            continue
        findings = [f for f in findings_of(score) if f.severity != ADVICE]
        context = {
            "unit": score.unit,
            "score": score,
            "run": run,
            "vetoes": [f for f in findings if f.severity == VETO],
            "deductions": [f for f in findings if f.severity == DEDUCTION],
            "base_url": base,
            "pass_score": settings.OVERSIGHT_PASS_SCORE,
        }
        body = render_to_string("oversight/digest_email.txt", context)
        subject = f"【网站健康检查】{score.unit.display_name}本周待办：{score.vetoes}项否决、{score.deductions}项扣分"
        send_mail(subject, body, None, to)
        sent += 1
    return sent
