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
