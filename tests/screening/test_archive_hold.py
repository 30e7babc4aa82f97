"""An archive batch publishes what is clean and holds back the articles with personal data for review."""

from django.urls import reverse

from townsquare.archive.importing import Importer
from townsquare.archive.models import ArchivePage

from ..archive.factories import write_articles
from ..helpers import login
from .conftest import ID


def import_batch(place, folder):
    write_articles(folder, 2)
    write_articles(folder, 1, start=3, paragraphs=[f"获奖农户王建华，身份证号{ID}。"])
    return Importer(unit=place.unit, account_name="青禾镇发布").run(folder)


def test_the_clean_articles_of_a_batch_are_published(county, tmp_path):
    run = import_batch(county.town_a, tmp_path)

    run.approve(county.media.reviewer)

    assert ArchivePage.objects.live().count() == 2


def test_the_article_with_an_id_number_is_held_back(county, tmp_path):
    run = import_batch(county.town_a, tmp_path)

    run.approve(county.media.reviewer)

    assert [page.title for page, _ in run.held] == ["青禾镇第3期村务简报"]


def test_the_held_article_is_listed_for_review(county, tmp_path, client):
    run = import_batch(county.town_a, tmp_path)
    run.approve(county.media.reviewer)
    login(client, county.media.reviewer)

    html = client.get(reverse("screening_list")).content.decode()

    assert "青禾镇第3期村务简报" in html


def test_the_batch_waits_for_approval_until_the_held_article_is_resolved(county, tmp_path):
    run = import_batch(county.town_a, tmp_path)

    run.approve(county.media.reviewer)

    assert run.awaiting_approval
