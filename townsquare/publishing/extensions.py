"""Extension points for apps built on publishing, so that publishing never imports them.

- ``allow_home_child("app.PageModel")``: the county home and unit homes accept that page
  type as a child (e.g. services' 办事指南 column).
- ``register_unit_provisioner(func)``: ``provision_unit`` also calls ``func(unit, home)``,
  so every unit gets the app's pages too. ``func`` must be idempotent.

Call both from the app's ``AppConfig.ready()``.
"""

_unit_provisioners = []


def allow_home_child(page_type):
    from .models import HomePage, UnitHomePage

    for model in (HomePage, UnitHomePage):
        if page_type not in model.subpage_types:
            model.subpage_types = [*model.subpage_types, page_type]
        model._clean_subpage_models = None  # Wagtail resolves the list once and caches it here.


def register_unit_provisioner(func):
    if func not in _unit_provisioners:
        _unit_provisioners.append(func)
    return func


def unit_provisioners():
    return list(_unit_provisioners)
