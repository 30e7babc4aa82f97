"""The demo's 发布前审查: the 错敏词 list, and the 公示 with a planted ID number caught and shown in 监管."""

import pytest
from django.urls import reverse

from townsquare.demo.screening import PLANTED_ID, PLANTED_SLUG
from townsquare.oversight.models import HealthRun
from townsquare.publishing.models import PublicityPage
from townsquare.screening.models import Finding, SensitiveWord

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_demo_has_a_list_of_outdated_and_wrong_wording():
    kinds = set(SensitiveWord.objects.values_list("kind", flat=True))

    assert SensitiveWord.objects.filter(word="国土资源局", suggestion="自然资源局").exists()
    assert kinds == {"error", "outdated", "sensitive"}


def test_the_planted_id_number_is_caught_on_the_live_publicity_page():
    page = PublicityPage.objects.live().get(slug=PLANTED_SLUG)

    finding = Finding.objects.get(page=page, status="open")
    assert (finding.kind, finding.live, finding.key) == ("id_number", True, PLANTED_ID)


def test_the_planted_id_number_is_a_veto_in_the_latest_health_check():
    run = HealthRun.objects.order_by("-ran_at").first()
    unit_findings = [f for score in run.unit_scores.all() for f in score.findings]

    assert any(f["code"] == "personal_id_published" for f in run.county_findings + unit_findings)


def test_the_planted_page_is_the_only_page_with_an_id_number():
    assert list(Finding.objects.filter(kind="id_number").values_list("page__slug", flat=True)) == [PLANTED_SLUG]


def test_the_review_page_offers_one_click_masking(admin_client):
    page = PublicityPage.objects.get(slug=PLANTED_SLUG)

    html = admin_client.get(reverse("screening_page", args=[page.pk])).content.decode()

    assert "一键遮盖" in html and "110***********0419" in html
