"""A per-address limit on API requests that reach our code, in ``core.ratelimit``'s fixed windows.

Answers served from the page cache never get here, so the limit weighs only on what costs queries.
"""

from django.conf import settings
from ninja.throttling import BaseThrottle

from townsquare.core import ratelimit

SCOPE = "api-read-ip"
MINUTE = 60


class AddressThrottle(BaseThrottle):
    def allow_request(self, request):
        address = ratelimit.client_ip(request)
        if ratelimit.reached(SCOPE, address, settings.API_RATE_LIMIT_PER_IP_MINUTE, MINUTE):
            return False
        ratelimit.hit(SCOPE, address, MINUTE)
        return True

    def wait(self):
        return MINUTE
