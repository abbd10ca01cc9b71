# English as the IGF writes it: day month year, 24-hour clock (Django's "en" is American).
DATE_FORMAT = "j F Y"  # 12 November 2015
DATETIME_FORMAT = "j F Y, H:i"  # 12 November 2015, 16:30
TIME_FORMAT = "H:i"  # 16:30
MONTH_DAY_FORMAT = "j F"  # 12 November
