"""The demo county's content as plain data: units, staff, and what each unit publishes.

Text may hold date words such as ``{d+2}`` (see ``demo/dates.py``); times are
``(days_ago, "HH:MM")`` for publication and ``(days_from_now, "HH:MM")`` for ends.
"""
