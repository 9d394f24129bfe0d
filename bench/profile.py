"""Where a cold request's time goes: our app in this process, without a server or a network.

    .venv/bin/python -m bench.profile /api/institutes/ [/en/institutes/niimbl/ …]
        [--requests 200] [--cprofile 25]

Serves each path through the WSGI application in production settings on make bench's SQLite
file (bench/.data, made by make bench) with the response cache off, as a cold row of make bench
is served, and prints milliseconds per request (the best of five batches: on a shared machine
the other batches measure the neighbours). --cprofile N adds the N functions with the most
cumulative time. Nothing is asserted: this is for reading, like make bench.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

from bench.common import app_env
from bench.run import DATABASE


def wsgi_get(application, path):
    """One anonymous GET through the whole middleware stack; the response's status and size."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    status = []
    body = b"".join(application(environ, lambda s, headers, exc_info=None: status.append(s)))
    return status[0], len(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=200, help="requests a path, in all")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    options = parser.parse_args()
    if not DATABASE.exists():
        sys.exit(f"{DATABASE} is missing: make bench makes it.")
    os.environ.update(app_env(f"sqlite:///{DATABASE}", RESPONSE_CACHE="false"))

    from policykb.wsgi import application

    batch = max(1, options.requests // 5)
    for path in options.paths:
        status, size = wsgi_get(application, path)
        if not status.startswith("200"):
            sys.exit(f"{path} answered {status}")
        best = min(timed_batch(application, path, batch) for _ in range(5))
        print(f"{path}: {best * 1000:.2f} ms a request ({size:,} bytes, best of 5 × {batch})")
        if options.cprofile:
            profiler = cProfile.Profile()
            profiler.runcall(timed_batch, application, path, batch)
            stats = pstats.Stats(profiler, stream=sys.stdout)
            stats.sort_stats("cumulative").print_stats(options.cprofile)


def timed_batch(application, path, count):
    started = time.perf_counter()
    for _ in range(count):
        wsgi_get(application, path)
    return (time.perf_counter() - started) / count


if __name__ == "__main__":
    main()
