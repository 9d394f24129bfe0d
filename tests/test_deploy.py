"""Deployment as README's "Deployment" section describes it: the production settings pass Django's
deployment check with only SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; they serve hashed,
compressed static files, HTTPS-only cookies and HSTS, and log JSON; the health endpoint tells a
load balancer whether the database answers; and a pg_dump backup restores into a fresh database
that exports exactly the same knowledge base.

Production settings are loaded in a subprocess with a clean environment, as a server starts.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from policykb.kb.loading import knowledge_base_load

ROOT = Path(__file__).resolve().parent.parent
HOST = "kb.example.org"


def clean_env(**variables):
    """Only what a server would be given: PATH, the settings module and `variables`."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "policykb.settings.prod",
        **variables,
    }


def production(tmp_path, **extra):
    """The three variables production needs, pointing at a scratch SQLite database."""
    variables = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    return clean_env(**{**variables, **extra})


def run(args, env, check=True):
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def manage(*args, env, check=True):
    return run([sys.executable, "manage.py", *args], env, check)


def python(code, env, check=True):
    """Run `code` after django.setup(); its last line of stdout is read back as JSON."""
    script = f"import django\ndjango.setup()\nHOST = {HOST!r}\n" + textwrap.dedent(code)
    result = run([sys.executable, "-c", script], env, check)
    return json.loads(result.stdout.strip().splitlines()[-1]), result


def database_url():
    """The URL of the database this test run uses (the test database, not the configured one)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return None
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


# --- the production settings ---------------------------------------------------------------------


def test_the_deployment_check_passes_with_only_the_three_variables(tmp_path):
    env = production(tmp_path)
    if database_url():
        env["DATABASE_URL"] = database_url()
    given = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    assert set(env) == {"PATH", "DJANGO_SETTINGS_MODULE"} | given
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production(tmp_path)
    del env["SECRET_KEY"]
    result = manage("check", env=env, check=False)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


PROBE = """
import json
from django.test import Client

client = Client()
seen = {}
# A reader over HTTPS (the proxy says so in X-Forwarded-Proto).
https = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}
login = client.get("/admin/login/", **https)
seen["login"] = login.status_code
seen["hsts"] = login.get("Strict-Transport-Security")
seen["csp"] = login.get("Content-Security-Policy")
seen["csrf_cookie_secure"] = bool(login.cookies["csrftoken"]["secure"])
seen["stylesheet"] = next(
    line.split('href="')[1].split('"')[0]
    for line in login.content.decode().splitlines()
    if "admin/css/base" in line
)
css = client.get(seen["stylesheet"], HTTP_ACCEPT_ENCODING="gzip, br", **https)
seen["css"] = css.status_code
seen["css_cache"] = css.get("Cache-Control")
seen["css_encoding"] = css.get("Content-Encoding")
source_css = client.get("/static/admin/css/base.css", **https)
seen["source_css_cache"] = source_css.get("Cache-Control")
# A reader over plain HTTP is sent to HTTPS; the load balancer's probe is answered as it is.
page = client.get("/en/", HTTP_HOST=HOST)
seen["http_page"] = [page.status_code, page.get("Location")]
health = client.get("/healthz/", HTTP_HOST=HOST)
seen["http_health"] = health.status_code
print(json.dumps(seen))
"""


def test_production_serves_hashed_compressed_static_files_over_https_only(tmp_path):
    env = production(tmp_path, STATIC_ROOT=str(tmp_path / "static"))
    manage("migrate", "--noinput", "-v0", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"  # name.<hash>.css: cached for a year, renamed on change
    assert (tmp_path / "static" / f"{hashed}.gz").exists()

    seen, _ = python(PROBE, env)
    assert seen["login"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in seen["csp"] and "'unsafe-inline'" not in seen["csp"]
    assert seen["csrf_cookie_secure"]
    assert seen["stylesheet"].startswith("/static/admin/css/base.")
    assert seen["stylesheet"] != "/static/admin/css/base.css"
    assert seen["css"] == 200
    assert "immutable" in seen["css_cache"]
    assert seen["css_encoding"] in ("gzip", "br")
    # The unhashed name is still served, but only cached briefly: it may change in place.
    assert "immutable" not in seen["source_css_cache"]
    assert seen["http_page"] == [301, f"https://{HOST}/en/"]
    assert seen["http_health"] == 200


LOGS = """
import json, logging
from django.test import Client, RequestFactory

Client().post("/healthz/", HTTP_HOST=HOST)  # a 405, which Django logs as a warning
request = RequestFactory().get("/en/")
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("django.request").exception(
        "Internal Server Error: %s", "/en/", extra={"status_code": 500, "request": request}
    )
print(json.dumps("done"))
"""


def test_production_logs_one_json_object_per_line(tmp_path):
    _, result = python(LOGS, production(tmp_path))
    records = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert records, result.stderr
    for record in records:
        assert {"time", "level", "logger", "message"} <= set(record)
    refused = next(r for r in records if r["message"] == "Method Not Allowed (POST): /healthz/")
    assert refused["level"] == "WARNING" and refused["status_code"] == 405
    error = next(r for r in records if r["message"] == "Internal Server Error: /en/")
    assert error["level"] == "ERROR" and error["logger"] == "django.request"
    assert "ZeroDivisionError" in error["exc_info"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_runs_the_app_with_the_deploy_configuration(tmp_path):
    port = free_port()
    env = production(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    answer = None
    try:
        for _ in range(150):  # until the workers listen; bounded, whatever the machine's speed
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5) as r:
                    answer = (r.status, json.loads(r.read()))
                break
            except OSError:
                time.sleep(0.2)
    finally:
        server.terminate()
        _, logs = server.communicate(timeout=60)
    assert answer == (200, {"status": "ok", "database": "ok"}), logs
    records = [json.loads(line) for line in logs.splitlines() if line.strip()]
    assert any(
        r["logger"] == "gunicorn.access" and '"GET /healthz/ HTTP/1.1" 200' in r["message"]
        for r in records
    ), logs
    booted = [r for r in records if r["logger"] == "gunicorn.error" and "Booting" in r["message"]]
    assert len(booted) >= 2  # the two workers asked for (a recycled one boots anew)


# --- the health endpoint -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_health_endpoint_says_the_database_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]  # never a cached "ok"
    assert client.head("/healthz/").status_code == 200
    assert client.post("/healthz/").status_code == 405
    # The load balancer reaches each app server by its address, which no ALLOWED_HOSTS names.
    assert client.get("/healthz/", HTTP_HOST="10.0.0.5:8000").status_code == 200


HEALTH = """
import json
from django.test import Client

response = Client().get("/healthz/", HTTP_HOST=HOST)
print(json.dumps([response.status_code, response.json(), response["Cache-Control"]]))
"""


def test_the_health_endpoint_says_so_when_the_database_is_down(tmp_path):
    # Nothing listens on port 1: the connection is refused, as when PostgreSQL is down.
    env = production(tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:1/policykb")
    (status, body, cache_control), result = python(HEALTH, env)
    assert status == 503
    assert body == {"status": "error", "database": "unreachable"}
    assert "no-store" in cache_control
    # The operator's log says why; the probe's answer does not.
    assert "the database is unreachable" in result.stderr
    assert "127.0.0.1" not in json.dumps(body)


# --- backup and restore ------------------------------------------------------------------------


@pytest.fixture
def committed_knowledge_base(django_db_setup, django_db_blocker):
    """pg_dump reads what is committed: the knowledge base as load_kb leaves it."""
    with django_db_blocker.unblock():
        knowledge_base_load()


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards."""
    import psycopg

    source = database_url()
    name = f"{connection.settings_dict['NAME']}_restored"
    admin_url = source.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield source.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def table_rows(url):
    """{table: row count} and {sequence: last value} of every table and sequence in a database."""
    import psycopg

    with psycopg.connect(url) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        sequences = dict(db.execute("SELECT sequencename, last_value FROM pg_sequences"))
    return counts, sequences


def export(url, directory):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="policykb.settings.test", DATABASE_URL=url, CONN_MAX_AGE="0"
    )
    manage("export_kb", "--output", str(directory), env=env)
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump and pg_restore back up PostgreSQL; this run is on SQLite "
    "(run with DATABASE_URL=postgres://… for the backup and restore test)",
)
def test_a_pg_dump_backup_restores_into_a_fresh_database_with_the_same_knowledge_base(
    committed_knowledge_base, fresh_database, tmp_path
):
    source = database_url()
    backup = tmp_path / "policykb.dump"
    # The commands README's "Backups" gives, against this run's databases.
    run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
         f"--file={backup}", f"--dbname={source}"], os.environ)  # fmt: skip
    assert backup.stat().st_size > 0
    run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={fresh_database}", str(backup)], os.environ)  # fmt: skip

    # Every table holds the same rows, and every sequence goes on from the same value (so the
    # restored server's next record does not collide with a restored one).
    rows, sequences = table_rows(source)
    assert rows["policykb_fundingaward"] > 0 and rows["institutes_institute"] == 16
    assert table_rows(fresh_database) == (rows, sequences)

    original = export(source, tmp_path / "original")
    restored = export(fresh_database, tmp_path / "restored")
    assert len(original) > 10  # the whole knowledge base, not an empty export
    assert sorted(restored) == sorted(original)
    differing = [name for name in original if restored[name] != original[name]]
    assert differing == []
