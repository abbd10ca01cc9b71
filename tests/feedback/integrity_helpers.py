"""What the integrity tests share: a scripted burst and a venue's ordinary pattern, sent through
the sheet page as a script and as browsers would."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from tests.feedback.sheet_helpers import post_data

SCRIPT_UA = "python-requests/2.31.0"
VENUE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
MARKS = ["5", "4", "3", "2", "1", "confusion"]


def scripted_burst(sheet, issues, count=25, address="203.0.113.9", marks=("5", "5", "5", "1")):
    """One GET, then ``count`` POSTs without the cookie, identical answers, one address and UA."""
    url = sheet.get_absolute_url()
    Client(REMOTE_ADDR=address, HTTP_USER_AGENT=SCRIPT_UA).get(url)
    statuses = set()
    for _n in range(count):
        script = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=SCRIPT_UA)  # keeps no cookie
        statuses.add(script.post(url, post_data(issues, list(marks))).status_code)
    return statuses


def venue_pattern(sheet, issues, count=30, address="198.51.100.7", every_seconds=20):
    """``count`` browsers behind one address: each opens the sheet and sends it with its cookie,
    different answers, one every ``every_seconds`` seconds."""
    url = sheet.get_absolute_url()
    start = timezone.now()
    statuses = set()
    for n in range(count):
        with time_machine.travel(start + timedelta(seconds=every_seconds * n), tick=False):
            browser = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=VENUE_UA)
            browser.get(url)
            marks = [MARKS[(n + k) % len(MARKS)] for k in range(len(issues))]
            marks[n % len(issues)] = MARKS[n % 5]
            statuses.add(browser.post(url, post_data(issues, marks)).status_code)
    return statuses
