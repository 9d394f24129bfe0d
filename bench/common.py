"""What the benchmark and the load test share: servers started and stopped by their process id,
and wrk runs bounded in duration and connections, all on 127.0.0.1."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / ".data"
BIN = ROOT / ".venv" / "bin"
PYTHON = BIN / "python"
REPORT_LUA = BENCH / "wrk" / "report.lua"
HOST = "127.0.0.1"
# Every anonymous API call counts against the throttle; a benchmark is one very busy client.
UNTHROTTLED = "1000000/second"


def say(*parts):
    print(*parts, flush=True)


def app_env(database_url, **extra):
    """The environment of our app in production settings (bench.settings), served on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "RESPONSE_CACHE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY="bench-only-not-a-secret",
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback: no proxy in front
        STATIC_ROOT=str(DATA / "static"),
        CONN_MAX_AGE="600",
        API_ANON_THROTTLE_RATE=UNTHROTTLED,
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, timeout=900):
    """Run a manage.py command; returns its duration in seconds."""
    started = time.perf_counter()
    subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url, headers=None, timeout=30):
    """(status, headers) of one GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@contextlib.contextmanager
def serving(name, command, env, port, log_name, ready_path="/"):
    """Start a server, wait until it answers, and stop it by its process id afterwards."""
    DATA.mkdir(exist_ok=True)
    log = open(DATA / log_name, "ab")  # noqa: SIM115 (closed below, after the server)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}: see {log.name}")
            try:
                fetch(f"http://{HOST}:{port}{ready_path}", timeout=2)
                break
            except OSError as error:
                if time.monotonic() > deadline:
                    message = f"{name} did not answer within 60 s: see {log.name}"
                    raise RuntimeError(message) from error
                time.sleep(0.2)
        yield f"http://{HOST}:{port}"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        log.close()


def gunicorn(env, port, workers=2):
    """Our app under gunicorn's sync workers (they spread connections evenly: BENCH-NOTES)."""
    command = [
        str(BIN / "gunicorn"),
        "policykb.wsgi:application",
        f"--workers={workers}",
        "--worker-class=sync",
        f"--bind={HOST}:{port}",
        "--timeout=30",
    ]
    return serving("gunicorn", command, env, port, "gunicorn.log", ready_path="/api/")


def wrk(url, *, duration, connections, script=REPORT_LUA, timeout_s=5):
    """One bounded wrk run (one thread, `connections` connections): the figures as a dict."""
    command = [
        shutil.which("wrk") or "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={timeout_s}s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    finished = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 60
    )
    last = [line for line in finished.stdout.splitlines() if line.startswith("{")][-1]
    figures = json.loads(last)
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["p50_ms"] = figures["p50_us"] / 1000
    figures["p99_ms"] = figures["p99_us"] / 1000
    figures["errors"] = sum(
        figures[key] for key in ("connect", "read", "write", "timeout", "status")
    )
    figures["raw"] = finished.stdout
    return figures


def need_wrk():
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `apt-get install -y wrk` (make bench / make load do it).")
