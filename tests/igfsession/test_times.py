from datetime import UTC, datetime, timedelta

from django.template import Context, Template
from django.utils import timezone

from igfsession.templatetags.times import duration


def test_duration_in_words():
    assert duration(timedelta(hours=1)) == "1\xa0hour"
    assert duration(timedelta(minutes=90)) == "1\xa0hour, 30\xa0minutes"
    assert duration(None) == ""


def test_iso_datetime_drops_the_microseconds_html_refuses_in_the_current_time_zone():
    moment = datetime(2015, 11, 12, 19, 30, 5, 123456, tzinfo=UTC)
    template = Template("{% load times %}{{ moment|iso_datetime }}")

    with timezone.override("America/Fortaleza"):
        rendered = template.render(Context({"moment": moment}))

    assert rendered == "2015-11-12T16:30:05-03:00"
