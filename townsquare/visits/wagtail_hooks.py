"""Visits in the admin's reports. Hooks this app fills:
- ``townsquare_annual_figures`` (read by the annual report): ``page_views`` and ``visitors`` from the daily counts.
"""

from wagtail import hooks

from . import figures


@hooks.register("townsquare_annual_figures")
def annual_figures(year, unit, start, end):
    return figures.annual(unit, start, end)
