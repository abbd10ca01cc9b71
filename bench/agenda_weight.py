"""Weight of a first visit to the agenda on the demo data, for remote participants on slow links.

Prints the size of the /agenda/ HTML before compression (budget: under 40 KB) and what a first
visit transfers, HTML + every stylesheet and script the page loads, with gzip and with brotli
(budget: under 120 KB compressed). WhiteNoise serves the static files pre-compressed with both;
the HTML is compressed here the way a front proxy would. Exits 1 when over a budget.

Runs on its own (``python bench/agenda_weight.py``), with a throw-away SQLite database loaded by
``manage.py load_demo`` (or, where that command does not exist, a similar agenda made with the
test factories).
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
HTML_BUDGET = 40 * 1024
TRANSFER_BUDGET = 120 * 1024
PAGES = ["/agenda/", "/agenda/now/", "/"]
OFFLINE_EXTRAS = ["/sw.js", "/manifest.webmanifest", "/static/icons/icon.svg"]


def _setup(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="igfsession.settings",
        DEBUG="1",
        STATIC_NO_MANIFEST="1",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()


def _load_data() -> str:
    from django.core.management import call_command, get_commands

    call_command("migrate", verbosity=0)
    if "load_demo" in get_commands():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        return "manage.py load_demo"
    from tests.igfsession.helpers import make_agenda

    make_agenda(slots=16)
    return "tests/igfsession/helpers.make_agenda(slots=16) (load_demo is not there)"


def _assets(html: str) -> list[str]:
    found = re.findall(r'<link[^>]* rel="stylesheet"[^>]* href="([^"]+)"', html)
    found += re.findall(r'<script[^>]* src="([^"]+)"', html)
    return found


def _static_file(url: str) -> bytes:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = finders.find(url.removeprefix("/" + settings.STATIC_URL.lstrip("/")))
    if path is None:
        raise SystemExit(f"{url}: not found by the static files finders")
    return Path(path).read_bytes()


def _sizes(body: bytes) -> tuple[int, int, int]:
    return len(body), len(gzip.compress(body, 9)), len(brotli.compress(body, quality=11))


def _row(name: str, sizes: tuple[int, int, int]) -> str:
    raw, gz, br = sizes
    return f"  {name:<44} {raw:>9,} B {gz:>9,} B {br:>9,} B"


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        _setup(Path(workdir))
        source = _load_data()
        from django.test import Client

        from igfsession.agenda.models import Slot

        client = Client()
        print(f"Demo data: {source}; {Slot.objects.count()} slots.")
        over = False
        for page in PAGES:
            response = client.get(page)
            if response.status_code != 200:
                raise SystemExit(f"{page}: HTTP {response.status_code}")
            html = response.content
            assets = _assets(html.decode())
            rows = [(f"{page} (HTML)", _sizes(html))]
            rows += [(url, _sizes(_static_file(url))) for url in assets]
            # Issue 15: the service worker, the manifest and its icon come with a first visit,
            # and the worker fetches the page once more to keep its copy (static files come
            # from the browser's cache).
            rows += [
                (url, _sizes(_static_file(url) if "/static/" in url else client.get(url).content))
                for url in OFFLINE_EXTRAS
            ]
            rows += [(f"{page} (the worker's copy)", _sizes(html))]
            total = tuple(
                sum(column) for column in zip(*(sizes for _n, sizes in rows), strict=True)
            )
            print(f"\nFirst visit to {page}")
            print(f"  {'':<44} {'raw':>11} {'gzip -9':>11} {'brotli -11':>11}")
            for name, sizes in rows:
                print(_row(name, sizes))
            print(_row("total", total))
            if page == "/agenda/":
                html_ok = len(html) < HTML_BUDGET
                transfer_ok = max(total[1], total[2]) < TRANSFER_BUDGET
                over = over or not (html_ok and transfer_ok)
                print(
                    f"  budget: HTML {len(html) / 1024:.1f} KB of 40 KB "
                    f"({'ok' if html_ok else 'OVER'}); compressed transfer "
                    f"{total[1] / 1024:.1f} KB gzip / {total[2] / 1024:.1f} KB brotli of 120 KB "
                    f"({'ok' if transfer_ok else 'OVER'})"
                )
        return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
