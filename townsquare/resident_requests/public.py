"""How a request is shown to the public, and to the resident who sent it.

The public sees only requests whose sender agreed (``is_public``) and that a unit has
taken up (accepted, waiting for the resident, answered, or merged into another case):
a request nobody has looked at yet may hold anything, so it is not published before a
unit accepts it (先审后发). Declined requests are not published either.

Everything public is masked on the way out with ``mask_text``: phone numbers, ID-card
numbers, e-mail addresses and the sender's name, also inside the title, the details, the
address, the reply and the timeline. Contact details are never shown at all. The stored
text stays as it was, for staff and for the resident's own page.

Photos are never public: they show faces, licence plates and the inside of homes, which
masking cannot hide. Only the resident (after the query password) and staff see them,
through ``views.photo``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, Value
from django.db.models.functions import StrIndex
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail import hooks

from townsquare.core import fragments, pagecache
from townsquare.core.privacy import mask_text

from .deadlines import is_overdue
from .models import RequestEvent, RequestPhoto, ResidentRequest, Status

PUBLIC_STATUSES = (Status.ACCEPTED, Status.WAITING, Status.ANSWERED, Status.MERGED)

# The status filter of the public list: (value in the address, label, statuses).
STATUS_FILTERS = (
    ("open", "办理中", (Status.ACCEPTED, Status.WAITING)),
    ("answered", "已答复", (Status.ANSWERED,)),
    ("merged", "已并案", (Status.MERGED,)),
)

BADGES = {
    Status.SUBMITTED: "badge-upcoming",
    Status.ACCEPTED: "badge-open",
    Status.WAITING: "badge-upcoming",
    Status.ANSWERED: "badge-plain",
    Status.DECLINED: "badge-ended",
    Status.MERGED: "badge-ended",
}

SUMMARY_CHARS = 80
KEYWORD_MAX_CHARS = 50


def _public_events():
    return Prefetch(
        "events",
        queryset=RequestEvent.objects.filter(is_public=True).select_related("unit").order_by("at", "pk"),
        to_attr="public_events",
    )


def _photos():
    return Prefetch("photos", queryset=RequestPhoto.objects.order_by("pk"), to_attr="photo_list")


def public_requests():
    """Requests the public may see, newest first, with what a card shows (no query per row)."""
    return (
        ResidentRequest.objects.filter(is_public=True, status__in=PUBLIC_STATUSES)
        .select_related("category", "unit", "merged_into")
        .order_by("-received_at", "-pk")
    )


def public_request(tracking_number):
    """One public request with its public timeline (no photos: they are never public), or None."""
    return (
        public_requests()
        .select_related("merged_into__unit")
        .prefetch_related(_public_events())
        .filter(tracking_number=tracking_number)
        .first()
    )


def own_request(queryset, tracking_number):
    """A request for its sender's page: everything public plus the facts only they see."""
    return (
        queryset.select_related("category", "unit", "merged_into__unit")
        .prefetch_related(_public_events(), _photos())
        .filter(tracking_number=tracking_number)
        .first()
    )


def is_public(request):
    return request is not None and request.is_public and request.status in PUBLIC_STATUSES


def looks_personal(keyword):
    """True when a search word is (or holds) a phone, ID or e-mail: searching for them would reveal them."""
    return mask_text(keyword) != keyword


def search(queryset, keyword):
    """Title or details containing the keyword, except where it is the sender's own name.

    Searching for a name that the pages show masked would tell that the name is there,
    so a keyword holding the sender's name, or part of it, matches nothing of theirs.
    """
    keyword = keyword.strip()[:KEYWORD_MAX_CHARS]
    if not keyword:
        return queryset
    return (
        queryset.filter(Q(title__icontains=keyword) | Q(details__icontains=keyword))
        .exclude(contact_name__icontains=keyword)
        .annotate(_name_in_keyword=StrIndex(Value(keyword), "contact_name"))
        .exclude(Q(_name_in_keyword__gt=0) & ~Q(contact_name=""))
    )


def filter_by_status(queryset, value):
    for key, _label, statuses in STATUS_FILTERS:
        if key == value:
            return queryset.filter(status__in=statuses)
    return queryset


def _one_line(text, limit=SUMMARY_CHARS):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class ShownEvent:
    at: object
    label: str  # one natural line: who did what (RequestEvent.step)
    note: str


class Shown:
    """A request as a page shows it: masked for the public (``masked=True``), as sent for its owner."""

    def __init__(self, request, masked=True):
        self.request = request
        self.masked = masked
        self.names = [request.contact_name]
        self.note = None  # (text, url) that another app adds to its card, e.g. a hot topic's public response

    def _text(self, text, names=None):
        if not self.masked:
            return text or ""
        return mask_text(text or "", names=names or self.names)

    # --- what was asked ---------------------------------------------------------------
    @property
    def tracking_number(self):
        return self.request.tracking_number

    @property
    def title(self):
        return self._text(self.request.title)

    @property
    def details(self):
        return self._text(self.request.details)

    @property
    def summary(self):
        return _one_line(self.details)

    @property
    def address(self):
        return self._text(self.request.address)

    @property
    def type_label(self):
        return self.request.get_request_type_display()

    @property
    def category_name(self):
        return self.request.category.name

    @property
    def unit_name(self):
        return self.request.unit.name

    @property
    def photos(self):
        """The photos for the sender's own page; none on anything public."""
        if self.masked:
            return []
        return getattr(self.request, "photo_list", None) or []

    # --- where it stands ----------------------------------------------------------------
    @property
    def status(self):
        return self.request.status

    @property
    def status_label(self):
        return self.request.get_status_display()

    @property
    def badge(self):
        return BADGES.get(self.request.status, "badge-plain")

    @property
    def is_open(self):
        return self.request.is_open

    @property
    def is_waiting(self):
        return self.request.status == Status.WAITING

    @property
    def is_answered(self):
        return self.request.status == Status.ANSWERED

    @property
    def is_overdue(self):
        return is_overdue(self.request)

    @property
    def reply(self):
        return self._text(self.request.reply)

    @property
    def reply_summary(self):
        return _one_line(self.reply)

    @property
    def decline_reason(self):
        return self._text(self.request.decline_reason)

    @property
    def merged_into(self):
        """The main case a duplicate joined, if this reader may see it (else None)."""
        main = self.request.merged_into if self.request.status == Status.MERGED else None
        if main is None or (self.masked and not is_public(main)):
            return None
        return MainCase(main, names=self.names)

    @property
    def rating_label(self):
        return self.request.get_rating_display() if self.request.rating else ""

    @property
    def events(self):
        events = getattr(self.request, "public_events", None)
        if events is None:
            events = self.request.events.filter(is_public=True).select_related("unit").order_by("at", "pk")
        shown = []
        for event in events:
            line, note = event.step()
            # The answer itself is shown in full below the timeline; the step only says when.
            note = "" if event.action == RequestEvent.Action.ANSWERED else self._text(note)
            shown.append(ShownEvent(at=event.at, label=line, note=note))
        return shown


class MainCase:
    """The case a duplicate was merged into: its number, state and answer, always masked."""

    def __init__(self, request, names=()):
        self.request = request
        self.names = [request.contact_name, *names]

    @property
    def tracking_number(self):
        return self.request.tracking_number

    @property
    def status_label(self):
        return self.request.get_status_display()

    @property
    def is_answered(self):
        return self.request.status == Status.ANSWERED

    @property
    def is_waiting(self):
        return self.request.status == Status.WAITING

    @property
    def answer_due(self):
        return self.request.answer_due

    @property
    def answered_at(self):
        return self.request.answered_at

    @property
    def unit_name(self):
        return self.request.unit.name

    @property
    def reply(self):
        return mask_text(self.request.reply, names=self.names)

    @property
    def is_public(self):
        return is_public(self.request)


PUBLIC_RESULTS_TEMPLATE = "resident_requests/parts/public_results.html"


def results(request, form, keyword, keyword_refused, filtered):
    """The public list's count, cards and pager for this query string, masked and rendered once and kept
    (``pagecache.remember``) until a request, event, category or unit changes, a listed request's answer
    falls due, or the day ends. Returns (HTML, the page's number)."""

    def compute():
        now = timezone.now()
        requests = public_requests()
        if keyword_refused:
            requests = requests.none()  # neither a match nor a non-match may tell where such data is
        elif keyword:
            requests = search(requests, keyword)
        if form.value("unit"):
            requests = requests.filter(unit__slug=form.value("unit"))
        if form.value("category"):
            requests = requests.filter(category__code=form.value("category"))
        requests = filter_by_status(requests, form.value("status"))
        page_obj = Paginator(requests, settings.REQUEST_PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
        items = [Shown(item) for item in page_obj]
        notes = {}
        for list_notes in hooks.get_hooks("townsquare_request_list_notes"):
            notes.update(list_notes([item.request.pk for item in items]))
        for item in items:
            item.note = notes.get(item.request.pk)
        due = [item.request.answer_due for item in items if item.request.answer_due and item.request.answer_due > now]
        pagecache.valid_until(min([pagecache.next_midnight(now), *due]))
        context = {"page_obj": page_obj, "items": items, "filtered": filtered, "keyword_refused": keyword_refused}
        return fragments.render(PUBLIC_RESULTS_TEMPLATE, context, request), page_obj.number

    key = f"resident_requests:public-results:v1:{fragments.query_key(request)}"
    html, number = pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS)
    return mark_safe(html), number
