"""没解决？继续留言: the 留言 form's address with a 咨询 and the resident's words already filled in."""

from django.urls import reverse
from django.utils.http import urlencode

FROM_KNOWLEDGE = "zhishi"  # ``from=`` of the form's address: the script counts the arrival (tally.CONTINUED)


def continue_url(text):
    """The 留言 form as a 咨询, titled with ``text`` (a search or an entry's question)."""
    query = {"type": "consult", "title": " ".join((text or "").split()), "from": FROM_KNOWLEDGE}
    return f"{reverse('resident_requests:submit')}?{urlencode(query)}"
