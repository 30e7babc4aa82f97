"""Entries written from what the platform already answered: a public request's reply, a service guide's
常见问题, a policy interpretation. The text is the one residents already see (a request's masked exactly as
its public page); staff then shorten and correct it in the admin."""

from django.db import transaction

from townsquare.core.privacy import mask_text

from .models import Entry

QUESTION_MAX = Entry._meta.get_field("question").max_length


def _question(text):
    text = " ".join((text or "").split())
    return text if len(text) <= QUESTION_MAX else text[: QUESTION_MAX - 1] + "…"


class NotAnswerable(Exception):
    """The source cannot become an entry (not public, not answered)."""


def from_request(resident_request):
    """An unsaved entry from an answered public request, its words masked as the public page shows them."""
    from townsquare.resident_requests.public import is_public

    if not is_public(resident_request) or not (resident_request.reply or "").strip():
        raise NotAnswerable("只有公开并已答复的留言才能加入知识库。")
    names = [resident_request.contact_name]
    return Entry(
        question=_question(mask_text(resident_request.title, names=names)),
        answer=mask_text(resident_request.reply, names=names),
        source=Entry.Source.REQUEST,
        resident_request=resident_request,
        unit_id=resident_request.unit_id,
        published=False,  # staff word it as a general answer first
    )


def from_guide_question(guide_question):
    page = guide_question.page  # "要收费吗？" means nothing without the guide it is asked about
    return Entry(
        question=_question(f"{page.title}：{guide_question.question}"),
        answer=guide_question.answer,
        source=Entry.Source.FAQ,
        guide_question=guide_question,
        unit_id=page.unit_id,
    )


def from_interpretation(page):
    return Entry(
        question=_question(page.title),
        answer=page.summary,
        source=Entry.Source.INTERPRETATION,
        interpretation=page,
        unit_id=page.unit_id,
    )


@transaction.atomic
def import_published():
    """An entry for every live guide's 常见问题 and every live interpretation with a 摘要 that has none yet.
    Returns the number of entries made per source."""
    from townsquare.publishing.models import InterpretationPage
    from townsquare.services.models import GuideQuestion

    made = {Entry.Source.FAQ: 0, Entry.Source.INTERPRETATION: 0}
    questions = GuideQuestion.objects.filter(page__live=True, knowledge_entries__isnull=True).select_related("page")
    for guide_question in questions:
        if guide_question.page.unit_id and guide_question.answer.strip():
            from_guide_question(guide_question).save()
            made[Entry.Source.FAQ] += 1
    pages = InterpretationPage.objects.live().filter(knowledge_entries__isnull=True).exclude(summary="")
    for page in pages:
        if page.unit_id:
            from_interpretation(page).save()
            made[Entry.Source.INTERPRETATION] += 1
    return made
