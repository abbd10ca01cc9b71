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


# Bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066 to U+2069).
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi_controls(text: str) -> str:
    """A label made from what a stranger typed (an object's name in the admin's titles and
    breadcrumbs, where it cannot be isolated): the same text without bidirectional controls.
    The stored text keeps them; pages show it isolated."""
    return text.translate(BIDI_CONTROLS)
