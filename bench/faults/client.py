"""A visitor for the fault benchmark, with the standard library only: a cookie jar, the sheet's
CSRF token and issues, a complete submission; and a slow client that sends its request headers
one byte at a time."""

import http.cookiejar
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MARK = re.compile(r'name="mark_(\d+)" value="')
UNAVAILABLE_H1 = "<h1>The site is briefly unavailable</h1>"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    method: str
    path: str
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    body: str
    started: float
    seconds: float

    @property
    def our_unavailable_page(self) -> bool:
        return self.status == 503 and UNAVAILABLE_H1 in self.body and "Traceback" not in self.body


class Visitor:
    def __init__(self, base: str, timeout: float = 30.0):
        self.base = base
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> Answer:
        method = "GET" if data is None else "POST"
        body = None if data is None else urllib.parse.urlencode(data).encode()
        # Always http://127.0.0.1:<port>, a server the benchmark started.
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                status, text = answer.status, answer.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        except OSError as error:
            status, text = 0, f"{type(error).__name__}: {error}"
        return Answer(method, path, status, text, started, time.monotonic() - started)

    def fill_in(self, code: str) -> tuple[Answer, Answer | None, int]:
        """GET the sheet, then POST a complete response: every issue marked, one comment and
        the profile. The POST is None when the GET failed; the count is the issues marked."""
        page = self.request(f"/feedback/{code}/")
        if page.status != 200:
            return page, None, 0
        token = CSRF.search(page.body).group(1)
        issues = list(dict.fromkeys(MARK.findall(page.body)))
        data = {f"mark_{issue}": "4" for issue in issues}
        data.update(
            {
                "csrfmiddlewaretoken": token,
                f"comment_{issues[0]}": "Clear, and it matters to us.",
                "stakeholder_group": "civil_society",
                "region": "grulac",
                "attendance": "room",
            }
        )
        return page, self.request(f"/feedback/{code}/", data), len(issues)


class SlowClient(threading.Thread):
    """Opens a connection and sends a request's headers one byte every ``interval`` seconds,
    never finishing them, until stopped or until the server closes the connection."""

    def __init__(self, port: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.port = port
        self.interval = interval
        self.stopping = threading.Event()
        self.closed_by_server_after: float | None = None
        self.connected = threading.Event()

    def run(self):
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
                self.connected.set()
                headers = b"GET /agenda/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"s" * 10_000
                for byte in headers:
                    if self.stopping.wait(self.interval):
                        return
                    connection.sendall(bytes([byte]))
                    connection.settimeout(0)
                    try:
                        connection.recv(1024)
                    except BlockingIOError:
                        continue  # nothing to read: the server is still waiting for the rest
                    finally:
                        connection.settimeout(5)
                    # An answer (HAProxy's 408) or the end of the stream: the server let go.
                    self.closed_by_server_after = time.monotonic() - started
                    return
        except OSError:
            self.closed_by_server_after = time.monotonic() - started

    def stop(self):
        self.stopping.set()
