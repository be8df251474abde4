"""WSGI entry point (gunicorn egovrank.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovrank.settings")
application = get_wsgi_application()
