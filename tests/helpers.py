"""Small helpers the tests share: logging in, the admin edit form, the 三审 steps."""

from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, streamfield

from .factories import PASSWORD


def fresh(page):
    """The page again, as the database has it now."""
    return type(page).objects.get(pk=page.pk)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD), f"cannot log in as {user.username}"
    return client


def admin_edit_form(client, page):
    """The admin edit URL and the form data as a browser would post it unchanged.

    The body (StreamField) and the comments formset are drawn by JavaScript, so their
    management fields are added here; the body is posted empty.
    """
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in list(data.items()):
        if value.startswith("\n"):  # a browser drops the newline that follows <textarea>
            data[name] = value[1:]
    data.update(nested_form_data({"body": streamfield([]), "comments": inline_formset([])}))
    return url, data


def submit_for_review(page, user):
    """What 提交审核 does: save a revision by ``user`` and start the page's workflow."""
    page.save_revision(user=user)
    workflow = page.get_workflow()
    assert workflow is not None, "the page has no 三审 workflow"
    return workflow.start(page, user)


def available_actions(page, user):
    task = page.current_workflow_task
    return [name for name, _label, _modal in task.get_actions(page, user)] if task else []


def review(page, user, action="approve", comment=""):
    """Take ``action`` on the page's current step as ``user``, as the admin does (refused if not offered)."""
    page = fresh(page)
    task_state = page.current_workflow_task_state
    assert task_state is not None, f"{page.title} is not in review"
    assert action in available_actions(page, user), f"{user.username} may not {action} {task_state.task.name}"
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    return fresh(page)


def approve_all(page, county, place):
    """The three approvals of ``place``'s 三审, in order."""
    for user in (place.reviewer, place.head, county.media.reviewer):
        page = review(page, user)
    return page


def clear_caches():
    """Every cache empty: Django's default one and the page cache (pages, fragments, their tags)."""
    for each in caches.all():
        each.clear()


def building_pages():
    """Pages built on every request, not served from the page cache (fragments are still cached)."""
    return override_settings(PAGE_CACHE_EXCLUDED_PATHS=["/"])
