import pytest

from .factories import InterviewIndexPageFactory


@pytest.fixture
def column(county):
    """The county's 在线访谈 column at /fangtan/."""
    return InterviewIndexPageFactory(parent=county.home)
