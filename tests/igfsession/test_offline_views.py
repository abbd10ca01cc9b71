"""Issue 15: the service worker from the site's root and the web app manifest."""

import json
from pathlib import Path

import pytest

from tests.factories import make_session

pytestmark = pytest.mark.django_db

WORKER = Path(__file__).resolve().parents[2] / "static" / "js" / "sw.js"


def test_the_service_worker_is_served_from_the_root_uncached(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert response.content == WORKER.read_bytes()


def test_the_service_worker_refuses_a_post(client):
    assert client.post("/sw.js").status_code == 405


def test_the_manifest_names_the_current_session(client, django_assert_num_queries):
    make_session(name="Dynamic Coalitions main session 2026", is_current=True)

    with django_assert_num_queries(1):
        response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert (data["name"], data["short_name"], data["start_url"], data["display"]) == (
        "Dynamic Coalitions main session 2026",
        "IGF DCs",
        "/",
        "standalone",
    )
    assert [(icon["src"], icon["sizes"], icon["type"]) for icon in data["icons"]] == [
        ("/static/icons/icon.svg", "any", "image/svg+xml"),
        ("/static/icons/icon-192.png", "192x192", "image/png"),
        ("/static/icons/icon-512.png", "512x512", "image/png"),
    ]


def test_the_manifest_without_a_current_session_names_the_site(client):
    data = json.loads(client.get("/manifest.webmanifest").content)

    assert data["name"] == "IGF main session on Dynamic Coalitions"


def test_the_png_icons_are_the_sizes_they_claim():
    icons = WORKER.parents[1] / "icons"
    for size in (192, 512):
        header = (icons / f"icon-{size}.png").read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(header[16:20]), int.from_bytes(header[20:24])) == (size, size)
