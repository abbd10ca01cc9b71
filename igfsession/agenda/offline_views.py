"""What lets the site work on a phone whose network fails: the service worker, served from the
site's root so that its scope is the whole site, and the web app manifest.

The worker's code is ``static/js/sw.js`` (a static file of our own); it is served here with
``Cache-Control: no-cache`` so that a new version reaches every phone on its next visit.
"""

import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from igfsession.models import Session


@cache
def _worker_source() -> bytes:
    path = finders.find("js/sw.js")
    with open(path, "rb") as source:
        return source.read()


@require_GET
def service_worker(request):
    response = HttpResponse(_worker_source(), content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def manifest(request):
    """The manifest, with the current session's name (one query)."""
    session = Session.objects.filter(is_current=True).only("name").first()
    name = session.name if session else _("IGF main session on Dynamic Coalitions")
    data = {
        "name": name,
        "short_name": _("IGF DCs"),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f6c",
        "icons": [
            {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response
