import pytest

from tests.factories import make_coalition, make_coordinator, make_output, make_session


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a fresh folder per test, never to the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def session(db):
    return make_session(name="IGF 2015 main session", is_current=True)


@pytest.fixture
def output(coalition, session):
    return make_output(
        coalition=coalition,
        session=session,
        title="Principles on public access in libraries",
        slug="principles",
        status="draft",
    )


@pytest.fixture
def other_coalition(db):
    return make_coalition(
        name="Internet Rights and Principles Coalition", acronym="IRPC", slug="irpc"
    )


@pytest.fixture
def other_coordinator(other_coalition):
    return make_coordinator(other_coalition, username="irpc-coordinator")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
