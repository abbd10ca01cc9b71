# Django's Arabic has DATE_FORMAT but no DATETIME_FORMAT, which would fall back to English.
DATETIME_FORMAT = "j F، Y، H:i"  # 12 نوفمبر، 2015، 16:30
TIME_FORMAT = "H:i"  # 16:30, as in every other language of the site
