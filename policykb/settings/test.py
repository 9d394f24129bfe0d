"""Test runs: SQLite by default, PostgreSQL when DATABASE_URL names one."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SECRET_KEY", default="test-only-key")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Off unless a test turns it on (tests/test_caching.py): other tests count the queries of
# repeated requests and the API throttle's 429s, which a cache hit would skip.
RESPONSE_CACHE = env.bool("RESPONSE_CACHE", default=False)
