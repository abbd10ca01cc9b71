import pytest

from tests.factories import make_session


@pytest.fixture
def session(db):
    """The current session (a test module may define its own)."""
    return make_session(is_current=True)
