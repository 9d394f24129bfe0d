"""Production's settings, plus the benchmark's constant response (bench/urls.py).

Only bench/run.py and bench/load.py select these, through DJANGO_SETTINGS_MODULE.
"""

from policykb.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
