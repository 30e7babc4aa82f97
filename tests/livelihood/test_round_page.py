"""A round's public page: candidates without residents' names or contacts, counts only when the round shows them,
the chosen projects with their progress once the results are out, in a bounded number of queries."""

import pytest

from townsquare.livelihood.models import Phase, Proposal

from .factories import ProposalFactory, progress, round_in, vote_for

pytestmark = pytest.mark.django_db


def _html(client, url):
    return client.get(url).content.decode()


def test_approved_proposals_are_listed(client, county):
    page = round_in(Phase.VOTING, county.home)
    ProposalFactory(round=page, title="禾丰村口装路灯")

    assert "禾丰村口装路灯" in _html(client, page.url)


def test_proposals_waiting_for_moderation_are_not_listed(client, county):
    page = round_in(Phase.VOTING, county.home)
    ProposalFactory(round=page, title="还没审核的提议", status=Proposal.Status.PENDING)

    assert "还没审核的提议" not in _html(client, page.url)


def test_a_residents_name_and_phone_never_appear(client, county):
    page = round_in(Phase.RESULTS, county.home)
    ProposalFactory(round=page, proposer_name="王秀英", proposer_phone="13900001234", proposer_email="w@example.com")
    html = _html(client, page.url)

    assert ("王秀英" in html, "13900001234" in html, "w@example.com" in html) == (False, False, False)


def test_counts_stay_hidden_while_voting_unless_the_round_shows_them(client, county):
    page = round_in(Phase.VOTING, county.home)
    vote_for(ProposalFactory(round=page))

    assert "投票结果" not in _html(client, page.url)


def test_a_round_showing_live_counts_ranks_the_candidates(client, county):
    page = round_in(Phase.VOTING, county.home, show_live_counts=True)
    vote_for(ProposalFactory(round=page))

    assert "实时票数" in _html(client, page.url)


def test_the_results_link_every_chosen_projects_progress(client, county):
    page = round_in(Phase.RESULTS, county.home)
    chosen = ProposalFactory(round=page, chosen=True, responsible_unit=county.town_a.unit)

    assert f"{page.url}xiangmu/{chosen.pk}/" in _html(client, page.url)


def test_a_progress_page_shows_the_latest_stage_and_percentage(client, county):
    page = round_in(Phase.RESULTS, county.home)
    chosen = ProposalFactory(round=page, chosen=True, responsible_unit=county.town_a.unit)
    progress(chosen, 40, text="路灯杆已经立起来了。")
    progress(chosen, 100, stage=Proposal.Stage.DONE, text="路灯全部亮了。")

    assert '完成 <span class="num">100</span>%' in _html(client, f"{page.url}xiangmu/{chosen.pk}/")


def test_a_project_has_no_progress_page_before_the_results(client, county):
    page = round_in(Phase.COUNTING, county.home)
    chosen = ProposalFactory(round=page, chosen=True, responsible_unit=county.town_a.unit)

    assert client.get(f"{page.url}xiangmu/{chosen.pk}/").status_code == 404


def test_a_proposal_not_chosen_has_no_progress_page(client, county):
    page = round_in(Phase.RESULTS, county.home)
    other = ProposalFactory(round=page)

    assert client.get(f"{page.url}xiangmu/{other.pk}/").status_code == 404


def test_the_round_page_has_a_bounded_number_of_queries(client, county, django_assert_max_num_queries):
    page = round_in(Phase.RESULTS, county.home)
    for n in range(8):
        proposal = ProposalFactory(round=page, chosen=n < 4, responsible_unit=county.town_a.unit)
        vote_for(proposal)
    with django_assert_max_num_queries(14):
        client.get(page.url)


def test_a_progress_page_has_a_bounded_number_of_queries(client, county, django_assert_max_num_queries):
    page = round_in(Phase.RESULTS, county.home)
    chosen = ProposalFactory(round=page, chosen=True, responsible_unit=county.town_a.unit)
    for percent in (10, 30, 60):
        progress(chosen, percent)
    with django_assert_max_num_queries(14):
        client.get(f"{page.url}xiangmu/{chosen.pk}/")


def test_a_new_vote_shows_on_a_cached_round_page(client, county, settings):
    settings.PAGE_CACHE_EAGER_INVALIDATION = True
    page = round_in(Phase.VOTING, county.home, show_live_counts=True)
    proposal = ProposalFactory(round=page)
    client.get(page.url)
    vote_for(proposal)

    assert '<span class="num">1</span> 票' in _html(client, page.url)
