"""The management page names a listing's status once: "待审核：工作人员审核通过后…", never "待审核：正在审核："."""

import pytest
from django.urls import reverse

from townsquare.listings.models import JobListing

from .test_submission import submit_job

pytestmark = pytest.mark.django_db


def test_pending_status_is_named_once(client, county):
    response = submit_job(client, county)
    client.get(response["Location"])
    html = client.get(reverse("listings:manage_listing", args=[JobListing.objects.get().reference])).content.decode()
    assert "<strong>待审核</strong>：工作人员审核通过后，就会出现在列表里。" in html
