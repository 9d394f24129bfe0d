"""WSGI entry point; production selects policykb.settings.prod through DJANGO_SETTINGS_MODULE."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policykb.settings.prod")
application = get_wsgi_application()
