"""make load: 60 s at 32 connections against gunicorn + PostgreSQL (+ Redis), over a mix of
pages and API calls (bench/wrk/mix.lua). Passes with zero socket errors and zero 5xx.

Not part of `make test`: it needs the machine to itself for a minute. The database is
LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/policykb_load), made afresh;
the response cache and the API throttle live in LOAD_REDIS_URL (default redis://127.0.0.1:6379/0,
empty for each process's memory). LOAD_DURATION, LOAD_CONNECTIONS and LOAD_WORKERS (gunicorn
sync workers, default 4) change the run.
"""

import os
import sys
import time

import psycopg

from bench.common import BENCH, app_env, free_port, gunicorn, manage, need_wrk, say, wrk

DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/policykb_load"
)
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/0")
DURATION = int(os.environ.get("LOAD_DURATION", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "32"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))


def fresh_database(url):
    """Drop and create the load test's own database (never another one's)."""
    server, name = url.rsplit("/", 1)
    if not name.startswith("policykb_load"):
        sys.exit(f"refusing to recreate {name!r}: the load test only makes policykb_load*")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main():
    need_wrk()
    say(f"load: {DURATION} s at {CONNECTIONS} connections; gunicorn -w {WORKERS}, PostgreSQL")
    fresh_database(DATABASE_URL)
    extra = {"REDIS_URL": REDIS_URL, "RESPONSE_CACHE_SECONDS": 600} if REDIS_URL else {}
    env = app_env(DATABASE_URL, **extra)
    manage(env, "migrate", "--noinput")
    manage(env, "load_kb")
    manage(env, "collectstatic", "--noinput", "--clear")
    with gunicorn(env, free_port(), workers=WORKERS) as base:
        started = time.perf_counter()
        figures = wrk(
            base + "/",
            duration=DURATION,
            connections=CONNECTIONS,
            script=BENCH / "wrk" / "mix.lua",
            timeout_s=10,
        )
        elapsed = time.perf_counter() - started
    socket_errors = sum(figures[key] for key in ("connect", "read", "write", "timeout"))
    say(f"requests: {figures['requests']} in {elapsed:.0f} s, {figures['rps']:.0f} req/s")
    say(
        "latency: p50 {:.1f} ms, p90 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms".format(
            figures["p50_us"] / 1000,
            figures["p90_us"] / 1000,
            figures["p99_us"] / 1000,
            figures["max_us"] / 1000,
        )
    )
    say(
        "responses: {} 2xx, {} 3xx, {} 4xx, {} 5xx; socket errors: {} connect, {} read, "
        "{} write, {} timeout".format(
            figures["2xx"],
            figures["3xx"],
            figures["4xx"],
            figures["5xx"],
            figures["connect"],
            figures["read"],
            figures["write"],
            figures["timeout"],
        )
    )
    passed = socket_errors == 0 and figures["5xx"] == 0
    say(f"load: {'passed' if passed else 'FAILED'} ({socket_errors} errors, {figures['5xx']} 5xx)")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
