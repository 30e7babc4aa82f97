"""Every unit gets a "办事指南" column (ServiceIndexPage) next to its other columns."""

from .models import ServiceIndexPage

INDEX_TITLE = "办事指南"
INDEX_SLUG = "banshi"


def ensure_service_index(unit, home):
    """The unit's guide index under ``home``; created and published when missing. Idempotent.

    The county home's index has the same address as the county-wide finder (/banshi/),
    which the finder view serves; guides below it keep their own addresses.
    """
    index = ServiceIndexPage.objects.child_of(home).first()
    if index is None:
        index = ServiceIndexPage(
            title=INDEX_TITLE, slug=INDEX_SLUG, intro=f"在{unit.display_name}办事：怎么办、带什么、去哪办、要多久。"
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index
