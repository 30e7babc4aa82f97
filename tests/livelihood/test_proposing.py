"""我要提项目: a resident's proposal waits for moderation; a form sent twice makes one; errors keep what was typed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townsquare.livelihood.models import Phase, Proposal
from townsquare.privacy.retention import anonymise_expired

from .factories import ProposalFactory, round_in

pytestmark = pytest.mark.django_db

KEY = "k" * 32
VALID = {
    "title": "石桥村卫生室门口修个无障碍坡道",
    "description": "卫生室门口有三级台阶，坐轮椅的老人进不去。",
    "place": "石桥镇石桥村卫生室",
    "estimated_cost": "3.5",
    "proposer_name": "李桂兰",
    "proposer_phone": "139 0000 5678",
    "agree": "on",
    "submission_key": KEY,
}


@pytest.fixture
def proposing(county):
    return round_in(Phase.PROPOSING, county.home)


def _url(page):
    return page.url + "tiyi/"


def test_a_proposal_waits_for_moderation(client, proposing):
    client.post(_url(proposing), VALID)

    assert Proposal.objects.get().status == Proposal.Status.PENDING


def test_the_phone_is_kept_in_one_spelling(client, proposing):
    client.post(_url(proposing), VALID)

    assert Proposal.objects.get().proposer_phone == "13900005678"


def test_a_form_sent_twice_makes_one_proposal(client, proposing):
    client.post(_url(proposing), VALID)
    client.post(_url(proposing), VALID)

    assert Proposal.objects.count() == 1


def test_without_a_phone_or_e_mail_the_form_comes_back_with_what_was_typed(client, proposing):
    response = client.post(_url(proposing), {**VALID, "proposer_phone": ""})

    assert (response.status_code, VALID["description"] in response.content.decode()) == (400, True)


def test_a_robot_filling_the_honeypot_stores_nothing(client, proposing):
    client.post(_url(proposing), {**VALID, "homepage": "http://spam.example"})

    assert not Proposal.objects.exists()


def test_too_many_proposals_from_one_address_are_refused(client, proposing, settings):
    settings.LIVELIHOOD_PROPOSALS_PER_IP_HOUR = 1
    client.post(_url(proposing), VALID)

    response = client.post(_url(proposing), {**VALID, "submission_key": "x" * 32})

    assert response.status_code == 429


def test_outside_the_proposal_period_there_is_no_form(client, county):
    page = round_in(Phase.VOTING, county.home)

    assert "现在不征集提议" in client.get(_url(page)).content.decode()


def test_a_residents_contact_is_erased_once_the_retention_period_after_voting_is_over(county, settings):
    page = round_in(Phase.RESULTS, county.home)
    ProposalFactory(round=page)
    anonymise_expired(now=timezone.now() + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS))

    assert Proposal.objects.values_list("proposer_name", "proposer_phone").get() == ("", "")
