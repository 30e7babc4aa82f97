"""Who acts on which channels in the admin, beyond the shared rules of ``units.access``.

Unit staff (any role) see their own units' channels, register accounts for them, change them and
report updates; county staff see and act on every channel (``units.access.scope`` / ``may_act_on``).
"""

from townsquare.units.access import may_act_on
from townsquare.units.models import Role


def can_retire(user, channel):
    """停更 / 注销 publish a notice at once: the unit's head (负责人) or county staff."""
    return may_act_on(user, channel.unit_id, with_roles=(Role.HEAD,))
