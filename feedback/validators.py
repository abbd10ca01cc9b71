from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Words the feedback URLs use for their own pages (/feedback/results/ ...): no sheet may take them
# ("projector" would be shadowed by /feedback/results/projector/).
RESERVED_SHEET_CODES = frozenset(
    {"results", "report", "responses", "print", "enter", "projector", "debate"}
)


def validate_sheet_code(value: str) -> None:
    if value.lower() in RESERVED_SHEET_CODES:
        raise ValidationError(
            _("“%(value)s” is used by the site's own pages; choose another sheet code."),
            code="reserved_sheet_code",
            params={"value": value},
        )
