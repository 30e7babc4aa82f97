from wagtail import hooks

from townsquare.units.models import Unit

from .provisioning import ensure_unit_home


@hooks.register("after_create_snippet")
def give_new_unit_its_section(request, instance):
    """A unit registered in the admin gets its home page, columns, permissions and 三审 at once."""
    if isinstance(instance, Unit):
        ensure_unit_home(instance)
