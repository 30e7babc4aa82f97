"""A policy's page says which consultation it came from, also when the policy's detail was kept before."""

import pytest

from tests.factories import PolicyPageFactory, publish

from .factories import ConsultationPageFactory, index_of

pytestmark = pytest.mark.django_db

BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def test_a_consultation_naming_a_kept_policy_as_its_final_document_shows_on_it(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    consultation = ConsultationPageFactory(parent=index_of(county.county))
    client.get(policy.url, **BUILT)
    consultation.final_document = policy

    publish(consultation)

    assert consultation.url in client.get(policy.url, **BUILT).content.decode()
