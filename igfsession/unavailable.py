"""The database unreachable: a short 503 page instead of a server error.

When PostgreSQL restarts or the network to it breaks, a request fails with an
``OperationalError`` (or ``InterfaceError``, a connection closed under it). The visitor then gets
``503.html`` — our page, translated, without a traceback — with ``Retry-After``, and the failure
is logged. Nothing else is needed to recover: Django opens a new connection on the next request
(``CONN_HEALTH_CHECKS`` drops a persistent connection that died), and every write path runs in
one transaction, so a request cut off half-way stored nothing.

Two ways in, for the two places such an error is raised: ``DatabaseUnavailableMiddleware`` for a
view's, and ``server_error`` (the root URLconf's ``handler500``) for the middleware's own (a
session saved after the view, say), which Django would otherwise answer with the 500 page.
"""

import logging
import sys

import psycopg
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger("igfsession.unavailable")

DATABASE_ERRORS = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)
RETRY_AFTER_SECONDS = 15


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_ERRORS)


def unavailable_response(request, error: BaseException) -> HttpResponse:
    logger.warning(
        "Database unavailable, answered 503: %s %s (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
    )
    # Standalone, rendered without the request: the context processors would query the database.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """Django's 500 view, except for a database that cannot be reached: 503 with our page."""
    error = sys.exc_info()[1]
    if database_unavailable(error):
        return unavailable_response(request, error)
    return defaults.server_error(request, template_name)
