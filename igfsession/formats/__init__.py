"""Date formats per language, read before Django's own (settings.FORMAT_MODULE_PATH).

Only what differs from Django's locale is here: English in the order the IGF writes it
(12 November 2015, 16:30) and Arabic with a date-and-time format, which Django's Arabic lacks.
Times are on the 24-hour clock in every language, as on the session's printed agenda.
"""
