"""Where each appointments model keeps its unit (a lookup path), for the shared rules in ``units.access``:
a unit's staff see and manage their unit's windows, services, single days and bookings; county staff all."""

WINDOW_UNIT = "unit"
SERVICE_UNIT = "window__unit"
EXCEPTION_UNIT = "service__window__unit"
BOOKING_UNIT = "service__window__unit"
