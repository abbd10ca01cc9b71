"""Month names, listed so that our catalogs can override Django's own for them.

Dates use Django's translations of the month names, and Django's Brazilian Portuguese
capitalises them ("12 de Novembro de 2015") where Portuguese writes "12 de novembro de 2015".
Listing the names here puts them into our .po files, which take precedence over Django's.
Nothing imports this module: makemessages reads it.
"""

from django.utils.translation import gettext_noop

MONTHS = (
    # Translators: a month's name as it appears inside a date ("12 November 2015"), written as
    # your language writes it there (Portuguese: "novembro"; French: "novembre").
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
