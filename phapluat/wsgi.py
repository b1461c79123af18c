import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phapluat.settings")
application = get_wsgi_application()

from phapluat.core.runtime import settle_for_serving  # noqa: E402 - needs the apps loaded above

settle_for_serving()
