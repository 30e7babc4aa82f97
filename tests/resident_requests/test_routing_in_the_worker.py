"""Smart routing runs in the task worker, after the request is stored: web workers never load the classifier."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from townsquare.resident_requests.models import Status
from townsquare.resident_requests.routing import predictor
from townsquare.resident_requests.tasks import suggest_routing

from .test_routing import toy_model

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_model(settings, tmp_path):
    settings.ROUTING_MODEL_PATH = tmp_path / "routing" / "model.joblib"
    predictor.clear_cache()
    yield settings.ROUTING_MODEL_PATH
    predictor.clear_cache()


@pytest.fixture
def queued(settings):
    """Tasks kept, not run (as with the database backend before the worker picks them up); their arguments."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    return default_task_backend.results


def test_submitting_queues_the_suggestion_instead_of_computing_it(desk, queued):
    request, _ = desk.file(title="学区划分问题", details="孩子明年上小学，学区划分不合理。")
    request.refresh_from_db()
    assert ([result.args for result in queued], request.suggested_category) == ([[request.pk]], None)


def test_the_task_stores_the_suggestion_for_staff(desk, queued, no_model):
    toy_model().save(no_model)
    request, _ = desk.file(title="学区划分问题", details="孩子明年上小学，学区划分不合理，招生名额太少。")
    suggest_routing.call(request.pk)
    request.refresh_from_db()
    assert request.suggested_category == desk.schools and 0 < request.suggestion_score <= 1


def test_the_task_keeps_a_suggestion_already_stored(desk, queued):
    request, _ = desk.file(title="学校入学", details="孩子入学的问题")
    request.suggested_category, request.suggestion_score = desk.roads, 0.5
    request.save(update_fields=["suggested_category", "suggestion_score"])
    assert suggest_routing.call(request.pk) is False


def test_the_task_leaves_a_request_staff_already_handled(desk, queued):
    request, _ = desk.file(title="学校入学", details="孩子入学的问题")
    type(request).objects.filter(pk=request.pk).update(status=Status.ACCEPTED)
    suggest_routing.call(request.pk)
    request.refresh_from_db()
    assert request.suggested_category is None


class BrokenQueue:
    def enqueue(self, *args):
        raise RuntimeError("queue down")


def test_a_failure_to_queue_still_stores_the_request(desk, monkeypatch):
    monkeypatch.setattr("townsquare.resident_requests.tasks.suggest_routing", BrokenQueue())
    request, _ = desk.file()
    assert type(request).objects.filter(pk=request.pk).exists()


def test_a_web_process_loads_neither_scikit_learn_nor_the_routing_model():
    """The WSGI application with every Wagtail hook loaded (as on a worker's first page) in a fresh process."""
    script = (
        "import sys, townsquare.wsgi\n"
        "from wagtail import hooks\n"
        "hooks.search_for_hooks()\n"
        "from townsquare.resident_requests.routing import predictor\n"
        "heavy = sorted(m for m in ('sklearn', 'scipy', 'joblib') if m in sys.modules)\n"
        "print(heavy, predictor._cached['model'] is None)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "WEB_WARM_UP": "0", "SEARCH_WARM_UP": "0"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1:] == ["[] True"], done.stderr[-2000:]
