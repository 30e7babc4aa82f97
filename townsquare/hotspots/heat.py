"""How hot a group of messages is: plain functions over its members, weights from settings (HOTSPOT_*).

heat = requests + HOTSPOT_METOO_WEIGHT × 我也遇到了 + HOTSPOT_VOTE_WEIGHT × 点赞
       + HOTSPOT_GROWTH_WEIGHT × max(0, requests of the last 7 days − requests of the 7 days before)
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Member:
    """What heat reads of one message: the day it came, its 我也遇到了 count and its 点赞 votes."""

    day: date | None
    metoo: int = 0
    votes: int = 0


def growth(members, today):
    """Requests of the last seven days beyond those of the seven days before (never below 0)."""
    this_week = sum(1 for m in members if m.day and today - WEEK < m.day <= today)
    last_week = sum(1 for m in members if m.day and today - 2 * WEEK < m.day <= today - WEEK)
    return max(0, this_week - last_week)


def heat(members, today):
    members = list(members)
    return (
        len(members)
        + settings.HOTSPOT_METOO_WEIGHT * sum(m.metoo for m in members)
        + settings.HOTSPOT_VOTE_WEIGHT * sum(m.votes for m in members)
        + settings.HOTSPOT_GROWTH_WEIGHT * growth(members, today)
    )


def weekly_counts(days, today, weeks):
    """Requests per week, oldest first, for the ``weeks`` weeks ending ``today``: the trend line."""
    counts = [0] * weeks
    for day in days:
        back = (today - day).days // 7
        if 0 <= back < weeks:
            counts[weeks - 1 - back] += 1
    return counts


def rank(groups, today):
    """[(group key, heat)] hottest first, from {group key: [Member]}."""
    scored = [(key, heat(members, today)) for key, members in groups.items()]
    return sorted(scored, key=lambda item: (-item[1], str(item[0])))
