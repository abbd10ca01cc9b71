"""WSGI entry point (gunicorn igfsession.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "igfsession.settings")

application = get_wsgi_application()
