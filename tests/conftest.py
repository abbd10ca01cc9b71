import pytest

from tests.factories import make_coalition, make_coordinator, make_organiser, make_user


@pytest.fixture
def organiser(db):
    return make_organiser(username="organiser")


@pytest.fixture
def coalition(db):
    return make_coalition(
        name="Dynamic Coalition on Public Access in Libraries", acronym="DC-PAL", slug="dc-pal"
    )


@pytest.fixture
def coordinator(coalition):
    return make_coordinator(coalition, username="coordinator")


@pytest.fixture
def outsider(db):
    return make_user(username="outsider")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (settings); tests only need passwords to round-trip.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters and cached pages live in the cache: every test starts from none.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
