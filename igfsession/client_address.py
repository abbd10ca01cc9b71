"""The client's address, for the login lock-out (django-axes' AXES_CLIENT_IP_CALLABLE).

Without a proxy it is the connection's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies that
each append the address they were reached from to X-Forwarded-For (nginx's
``$proxy_add_x_forwarded_for``), it is that header's entry that many places from the right: the
entries further left were sent by the client and could be anything.
"""

from django.conf import settings


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [item for item in forwarded if item]
    if len(forwarded) < count:
        # Not through the expected proxies: the connection's address is the best we know.
        return remote
    return forwarded[-count]
