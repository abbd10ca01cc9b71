import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    """Accept only IANA zone names (``America/Fortaleza``), never offsets or abbreviations."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone name, such as America/Fortaleza."),
            code="invalid_time_zone",
            params={"value": value},
        )


# Everything str.splitlines() breaks a line at: a name is one line, whatever the script.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def validate_single_line(value: str) -> None:
    """A name (a person's, an organisation's) is one line: a line break could forge another
    line in an e-mail or a list where the name is shown."""
    if any(character in LINE_BREAKS for character in value):
        raise ValidationError(_("Write this on one line, without line breaks."), code="line_break")
