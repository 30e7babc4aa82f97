"""Staff of the consultation's unit moderate its comments; a comment the resident did not allow to be
published cannot be; other units' staff cannot act on it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from townsquare.consultations import opinions
from townsquare.consultations.models import Comment

from ..factories import PASSWORD
from .factories import CommentFactory, ConsultationPageFactory, index_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(town_a):
    return CommentFactory(consultation=ConsultationPageFactory(parent=index_of(town_a)))


def act(client, user, comment, **data):
    client.login(username=user.username, password=PASSWORD)
    return client.post(reverse("consultations_comment_action", args=[comment.pk]), data)


def test_the_units_editor_publishes_a_comment(client, comment, town_a):
    act(client, town_a.editor, comment, action="publish")
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.PUBLISHED, town_a.editor)


def test_another_units_staff_cannot_moderate_it(client, comment, town_b):
    act(client, town_b.editor, comment, action="publish")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_comment_not_allowed_public_cannot_be_published(comment, town_a):
    comment.wants_public = False
    with pytest.raises(ValidationError):
        opinions.publish(comment, town_a.editor)


def test_the_moderation_list_shows_names_and_logs_who_saw_them(client, comment, town_a):
    from townsquare.privacy.models import PersonalDataAccess

    client.login(username=town_a.editor.username, password=PASSWORD)
    body = client.get(reverse("consultations_comments", args=[comment.consultation_id])).content.decode()
    assert comment.name in body
    assert PersonalDataAccess.objects.filter(user=town_a.editor, object_id=str(comment.pk)).exists()


def test_the_list_shows_only_the_users_units_consultations(client, comment, town_b):
    client.login(username=town_b.editor.username, password=PASSWORD)
    assert comment.consultation.title not in client.get(reverse("consultations_admin")).content.decode()


def test_contacts_are_erased_after_the_retention_period_and_the_comment_stays(comment):
    import datetime

    from townsquare.consultations.personal_data import anonymise_closed

    anonymise_closed(comment.consultation.closes_at + datetime.timedelta(days=1))
    comment.refresh_from_db()
    assert (comment.name, comment.phone, comment.text) == ("（已删除）", "", CommentFactory.text)
