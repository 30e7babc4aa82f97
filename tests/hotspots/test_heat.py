"""Heat: requests, 我也遇到了 and votes by their weights, plus this week's growth."""

from datetime import date, timedelta

from townsquare.hotspots.heat import Member, growth, heat, rank, weekly_counts

TODAY = date(2026, 3, 20)


def days_ago(*days):
    return [TODAY - timedelta(days=d) for d in days]


def test_growth_is_this_weeks_requests_beyond_last_weeks():
    members = [Member(d) for d in days_ago(0, 1, 2, 8)]
    assert growth(members, TODAY) == 2


def test_me_too_adds_by_its_weight(settings):
    settings.HOTSPOT_METOO_WEIGHT = 2
    settings.HOTSPOT_GROWTH_WEIGHT = 0
    settings.HOTSPOT_VOTE_WEIGHT = 0
    assert heat([Member(TODAY, metoo=3)], TODAY) == 1 + 6


def test_rank_puts_the_hottest_first():
    groups = {"quiet": [Member(TODAY)], "loud": [Member(TODAY, votes=500), Member(TODAY)]}
    assert [key for key, _ in rank(groups, TODAY)] == ["loud", "quiet"]


def test_weekly_counts_run_oldest_first():
    assert weekly_counts(days_ago(0, 1, 13), TODAY, 3) == [0, 1, 2]
