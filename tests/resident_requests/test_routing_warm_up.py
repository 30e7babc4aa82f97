"""A web process loads jieba and the routing model when it loads the WSGI application, not on the first submission."""

import importlib

import jieba
import pytest

from townsquare.resident_requests.routing import predictor

from .test_routing import toy_model


@pytest.fixture
def cold(settings, tmp_path):
    """A saved model that this process has not loaded, and jieba's dictionary not loaded either."""
    settings.ROUTING_MODEL_PATH = tmp_path / "routing" / "model.joblib"
    settings.ROUTING_WARM_UP = True
    toy_model().save(settings.ROUTING_MODEL_PATH)
    predictor.clear_cache()
    jieba.dt.initialized = False
    yield
    predictor.clear_cache()
    jieba.initialize()


@pytest.mark.django_db
def test_loading_the_wsgi_application_loads_jieba_and_the_routing_model(cold):
    import townsquare.wsgi

    importlib.reload(townsquare.wsgi)
    assert (jieba.dt.initialized, predictor._cached["model"] is not None) == (True, True)
