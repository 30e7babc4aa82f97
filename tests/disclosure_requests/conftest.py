import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Proofs of identity and 告知书 go to the private storage; here a folder of the test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
