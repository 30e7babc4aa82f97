"""投票 page: a resident ticks projects, proves a phone or e-mail with a code and votes; a resend counts once."""

import re

import pytest

from townsquare.livelihood.models import Phase, Vote

from .factories import ProposalFactory, round_in

pytestmark = pytest.mark.django_db

EMAIL = "voter@example.com"


@pytest.fixture
def voting(county):
    page = round_in(Phase.VOTING, county.home)
    page.candidates = ProposalFactory.create_batch(3, round=page)
    return page


def _url(page):
    return page.url + "toupiao/"


def _code(smtp_server):
    return re.search(r"验证码是：(\d{6})", smtp_server.wait_for(1)[-1].get_content()).group(1)


def _verified_ballot(client, page, smtp_server, picks):
    client.post(_url(page), {"contact": EMAIL, "verify": "send", "proposals": picks})
    return client.post(_url(page), {"contact": EMAIL, "code": _code(smtp_server), "proposals": picks})


def test_a_verified_ballot_counts_its_votes(client, voting, smtp_server):
    picks = [voting.candidates[0].pk, voting.candidates[2].pk]

    _verified_ballot(client, voting, smtp_server, picks)

    assert sorted(Vote.objects.values_list("proposal_id", flat=True)) == sorted(picks)


def test_the_contact_itself_is_not_stored_with_the_votes(client, voting, smtp_server):
    _verified_ballot(client, voting, smtp_server, [voting.candidates[0].pk])

    assert EMAIL not in Vote.objects.get().person_key


def test_asking_for_a_code_keeps_the_ticked_projects(client, voting, smtp_server):
    pick = voting.candidates[1].pk

    response = client.post(_url(voting), {"contact": EMAIL, "verify": "send", "proposals": [pick]})

    assert re.search(rf'value="{pick}"[^>]*checked', response.content.decode())


def test_a_wrong_code_counts_nothing_and_says_so(client, voting, smtp_server):
    client.post(_url(voting), {"contact": EMAIL, "verify": "send", "proposals": [voting.candidates[0].pk]})

    response = client.post(_url(voting), {"contact": EMAIL, "code": "000000", "proposals": [voting.candidates[0].pk]})

    assert (response.status_code, Vote.objects.count()) == (400, 0)


def test_the_same_ballot_sent_twice_counts_once(client, voting, smtp_server):
    picks = [voting.candidates[0].pk]
    _verified_ballot(client, voting, smtp_server, picks)

    client.post(_url(voting), {"proposals": picks})

    assert Vote.objects.count() == 1


def test_after_voting_the_page_lists_what_was_voted_for(client, voting, smtp_server):
    _verified_ballot(client, voting, smtp_server, [voting.candidates[0].pk])

    response = client.get(_url(voting) + "?counted=1")

    assert "投票成功" in response.content.decode()


def test_a_ballot_without_a_code_counts_nothing(client, voting):
    response = client.post(_url(voting), {"contact": EMAIL, "proposals": [voting.candidates[0].pk]})

    assert (response.status_code, Vote.objects.count()) == (400, 0)


def test_outside_the_voting_period_the_page_says_when_voting_is(client, county):
    page = round_in(Phase.PROPOSING, county.home)

    assert "现在不是投票时间" in client.get(_url(page)).content.decode()


def test_the_vote_page_has_a_bounded_number_of_queries(client, voting, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(_url(voting))
