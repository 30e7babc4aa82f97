"""民生实事 in the admin: a unit's staff moderate their own rounds' proposals and update their own projects."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from townsquare.livelihood.models import Phase, Proposal

from ..helpers import login
from .factories import ProposalFactory, progress, round_in

pytestmark = pytest.mark.django_db

PROPOSALS = "wagtailsnippets_livelihood_proposal"
UPDATES = "wagtailsnippets_livelihood_progressupdate"


def test_a_unit_lists_only_its_own_rounds_proposals(client, county):
    ProposalFactory(round=round_in(Phase.REVIEWING, county.town_a.home), title="青禾镇的提议")
    ProposalFactory(round=round_in(Phase.REVIEWING, county.town_b.home), title="石桥镇的提议")
    login(client, county.town_a.editor)

    html = client.get(reverse(f"{PROPOSALS}:list")).content.decode()

    assert ("青禾镇的提议" in html, "石桥镇的提议" in html) == (True, False)


def test_another_units_proposal_cannot_be_opened(client, county):
    other = ProposalFactory(round=round_in(Phase.REVIEWING, county.town_b.home))
    login(client, county.town_a.editor)

    assert client.get(reverse(f"{PROPOSALS}:edit", args=[other.pk])).status_code in (302, 403)


def test_staff_approve_a_residents_proposal(client, county):
    proposal = ProposalFactory(round=round_in(Phase.REVIEWING, county.town_a.home), status=Proposal.Status.PENDING)
    login(client, county.town_a.editor)
    url = reverse(f"{PROPOSALS}:edit", args=[proposal.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data["status"] = Proposal.Status.APPROVED

    response = client.post(url, data)

    assert (response.status_code, Proposal.objects.get().status) == (302, Proposal.Status.APPROVED)


def test_a_proposal_not_approved_cannot_be_chosen(county):
    proposal = ProposalFactory.build(
        round=round_in(Phase.RESULTS, county.home), status=Proposal.Status.REJECTED, chosen=True
    )

    with pytest.raises(Exception, match="审核通过"):
        proposal.clean()


def test_the_responsible_unit_lists_its_projects_updates(client, county):
    chosen = ProposalFactory(
        round=round_in(Phase.RESULTS, county.home), chosen=True, responsible_unit=county.town_a.unit
    )
    progress(chosen, 30, text="青禾镇在修")
    login(client, county.town_a.editor)

    assert chosen.title in client.get(reverse(f"{UPDATES}:list")).content.decode()


def test_the_latest_update_sets_the_projects_stage(county):
    chosen = ProposalFactory(
        round=round_in(Phase.RESULTS, county.home), chosen=True, responsible_unit=county.town_a.unit
    )
    progress(chosen, 100, stage=Proposal.Stage.DONE)

    chosen.refresh_from_db()
    assert (chosen.stage, chosen.percent) == (Proposal.Stage.DONE, 100)
