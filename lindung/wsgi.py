import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
application = get_wsgi_application()

# Django, its apps and their modules are loaded now and live as long as the process. Frozen, the collector
# leaves them out of its full passes: a gen-2 collection walked all 130,000 of them and held one request of a
# gunicorn worker for 70 ms. With --preload, workers also share these pages with the master instead of
# copying them when the collector touches them.
gc.freeze()
