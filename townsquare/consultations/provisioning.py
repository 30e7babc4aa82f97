"""Every unit gets a 征求意见 column (ConsultationIndexPage) next to its other columns; the county's has the
address of the county-wide list, /zhengqiu/."""

from .models import ConsultationIndexPage

INDEX_TITLE = "征求意见"
INDEX_SLUG = "zhengqiu"


def ensure_consultation_index(unit, home):
    """The unit's consultation column under ``home``; created and published when missing. Idempotent."""
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index
