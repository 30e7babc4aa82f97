"""热点问题: hot topics among residents' messages and the units' tracked public response (回应关切).

- ``grouping``: plain functions grouping messages by topic, place and time (``group_messages`` command).
- ``heat``: ranking groups by count, 我也遇到了, growth and votes.
- ``models``: ``HotTopic`` (a group found by the job, its lead unit, when it crossed the threshold, its response).
- ``jobs``: the weekly job (also run on demand from the admin).
"""
