import pytest

from eagerrepl.shell import Session


@pytest.fixture
def session():
    return Session()

