"""make bench: PolicyKB under gunicorn against datasette serving the very same SQLite file.

The method is BENCH-NOTES.md's: wrk on 127.0.0.1, one thread, the same connections and duration
for every run, after a warm-up, each server alone (started, measured, stopped by its process id
before the next starts). Our app runs with its production settings (bench/settings.py adds only
/bench/constant/), 2 sync gunicorn workers and persistent database connections.

Each row is measured against our server warm (response cache on, so served from it) and cold
(RESPONSE_CACHE=false: every request renders), and against datasette with its defaults and with
`--setting suggest_facets off`. The constant response of each server is its ceiling, measured in
the same server run as the rows it is compared with. Then everything again at 100× data
(scale_kb --factor 100). Also timed: `make run`'s set-up on a fresh copy of the working tree,
and load_kb.

A shared machine's neighbours only ever slow a run down, and a server run that meets a busy
spell loses to the other servers through no doing of its own: so every server is measured in
BENCH_PASSES turns (default 2: ours warm, ours cold, datasette, datasette tuned, and again), and
each row of each server keeps its best turn, the same rule for every server.

Environment: BENCH_DURATION (seconds per run, default 5), BENCH_WARMUP (default 1),
BENCH_CONNECTIONS (default 8), BENCH_PASSES (default 2), BENCH_SETUP=0 to skip timing the fresh
set-up.
The last line printed is the summary: `bench: warm/ceiling min …, ours/datasette min …,
p99 max … ms, 100x/1x min …`.
"""

import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from bench.common import (
    BIN,
    DATA,
    HOST,
    ROOT,
    app_env,
    fetch,
    free_port,
    gunicorn,
    manage,
    need_wrk,
    say,
    serving,
    wrk,
)

DURATION = int(os.environ.get("BENCH_DURATION", "5"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "1"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
TIME_SETUP = os.environ.get("BENCH_SETUP", "1") != "0"
PASSES = int(os.environ.get("BENCH_PASSES", "2"))

DATABASE = DATA / "policykb.sqlite3"  # datasette names the database after the file: /policykb/
FUNDING_SLUG = "arp-affoa-ppe-environment-automation"
INSTITUTE_SLUG = "niimbl"


@dataclass
class Row:
    name: str
    ours: str
    datasette: str


def rows(ids):
    return [
        # 16 a page: the whole list at 1×, and as many at 100×. At the default 50 a page, 100×
        # served three times the institutes of 1× in a request, and 100×/1× measured the page
        # size rather than the growth of the data.
        Row(
            "institutes list (API)",
            "/api/institutes/?page_size=16",
            "/policykb/institutes_institute.json?_size=16",
        ),
        Row(
            "funding list, 50 a page (API)",
            "/api/funding/?page_size=50",
            "/policykb/policykb_fundingaward.json?_size=50",
        ),
        Row(
            "funding filtered & sorted (API)",
            "/api/funding/?kind=award&ordering=-amount_usd&page_size=50",
            "/policykb/policykb_fundingaward.json?kind=award&_sort_desc=amount_usd&_size=50",
        ),
        Row(
            "one funding record (API)",
            f"/api/funding/{FUNDING_SLUG}/",
            f"/policykb/policykb_fundingaward/{ids['funding']}.json",
        ),
        Row(
            "an institute's page (HTML)",
            f"/en/institutes/{INSTITUTE_SLUG}/",
            f"/policykb/institutes_institute/{ids['institute']}",
        ),
    ]


CONSTANT = Row("constant response (ceiling)", "/bench/constant/", "/-/bench-constant")
SERVERS = ["ours, warm", "ours, cold", "datasette", "datasette, tuned"]


@dataclass
class Table:
    label: str
    figures: dict = field(default_factory=dict)  # (row name, server) -> wrk figures


def measure(base, path, *, expect_hit=False):
    url = base + path
    status, headers = fetch(url)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    wrk(url, duration=WARMUP, connections=CONNECTIONS)
    # After the warm-up every worker holds its copy (without Redis, each process has its own).
    if expect_hit and fetch(url)[1].get("X-Response-Cache") != "hit":
        raise RuntimeError(f"{url} was not served from the cache")
    figures = wrk(url, duration=DURATION, connections=CONNECTIONS)
    if figures["errors"]:
        raise RuntimeError(f"{url}: {figures['errors']} errors\n{figures['raw']}")
    return figures


def measure_ours(table, row_list, *, warm):
    server = "ours, warm" if warm else "ours, cold"
    env = app_env(f"sqlite:///{DATABASE}", RESPONSE_CACHE="true" if warm else "false")
    port = free_port()
    with gunicorn(env, port) as base:
        table.figures[(CONSTANT.name, server)] = measure(base, CONSTANT.ours)
        for row in row_list:
            table.figures[(row.name, server)] = measure(base, row.ours, expect_hit=warm)


def measure_datasette(table, row_list, *, tuned):
    server = "datasette, tuned" if tuned else "datasette"
    port = free_port()
    command = [
        str(BIN / "datasette"),
        "serve",
        str(DATABASE),
        f"--host={HOST}",
        f"--port={port}",
        f"--plugins-dir={ROOT / 'bench' / 'datasette_plugins'}",
    ]
    if tuned:
        command += ["--setting", "suggest_facets", "off"]
    with serving("datasette", command, dict(os.environ), port, "datasette.log") as base:
        table.figures[(CONSTANT.name, server)] = measure(base, CONSTANT.datasette)
        for row in row_list:
            table.figures[(row.name, server)] = measure(base, row.datasette)


def run_table(label, row_list):
    """Every server, PASSES times over in turn; each row keeps its best pass (see the docstring)."""
    say(f"-- measuring at {label} ({PASSES} passes, {DURATION} s a run) ...")
    table = Table(label)
    for _ in range(PASSES):
        one_pass = Table(label)
        measure_ours(one_pass, row_list, warm=True)
        measure_ours(one_pass, row_list, warm=False)
        measure_datasette(one_pass, row_list, tuned=False)
        measure_datasette(one_pass, row_list, tuned=True)
        for key, figures in one_pass.figures.items():
            if key not in table.figures or figures["rps"] > table.figures[key]["rps"]:
                table.figures[key] = figures
    return table


# --- Ratios and the printed table ---------------------------------------------------------------


def ceiling(table, server):
    return table.figures[(CONSTANT.name, server)]["rps"]


def ratios(table, row, server):
    ours = table.figures[(row.name, server)]["rps"]
    return {
        "vs datasette": ours / table.figures[(row.name, "datasette")]["rps"],
        "vs tuned": ours / table.figures[(row.name, "datasette, tuned")]["rps"],
        "vs ceiling": ours / ceiling(table, server),
    }


def print_table(table, row_list, baseline=None):
    say()
    say(f"== {table.label} ==")
    head = f"{'row':33} {'server':17} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}"
    head += f" {'ours/datasette':>15} {'ours/ceiling':>12}"
    if baseline:
        head += f" {'100x/1x':>8}"
    say(head)
    for row in [*row_list, CONSTANT]:
        for index, server in enumerate(SERVERS):
            figures = table.figures[(row.name, server)]
            line = f"{row.name if index == 0 else '':33} {server:17} {figures['rps']:8.0f}"
            line += f" {figures['p50_ms']:7.1f} {figures['p99_ms']:7.1f}"
            if server.startswith("ours"):
                r = ratios(table, row, server)
                line += f" {r['vs datasette']:6.1f}/{r['vs tuned']:<6.1f}   {r['vs ceiling']:12.2f}"
            else:
                line += f" {'':15} {'':12}"
            if baseline and server.startswith("ours"):
                line += f" {figures['rps'] / baseline.figures[(row.name, server)]['rps']:8.2f}"
            say(line.rstrip())
    say("ours/datasette: against datasette's defaults / against --setting suggest_facets off.")


def summary(tables, row_list):
    one, hundred = tables
    warm_ceiling = min(
        ratios(t, row, "ours, warm")["vs ceiling"] for t in tables for row in row_list
    )
    ours_datasette = min(
        min(ratios(t, row, server)["vs datasette"], ratios(t, row, server)["vs tuned"])
        for t in tables
        for row in row_list
        for server in ("ours, warm", "ours, cold")
    )
    p99 = max(
        t.figures[(row.name, server)]["p99_ms"]
        for t in tables
        for row in [*row_list, CONSTANT]
        for server in ("ours, warm", "ours, cold")
    )
    scaled = min(
        hundred.figures[(row.name, server)]["rps"] / one.figures[(row.name, server)]["rps"]
        for row in row_list
        for server in ("ours, warm", "ours, cold")
    )
    return warm_ceiling, ours_datasette, p99, scaled


def print_targets(warm_ceiling, ours_datasette, p99, scaled):
    checks = [
        ("warm rows ≥ 0.5× our ceiling", warm_ceiling, warm_ceiling >= 0.5),
        ("every row ahead of datasette", ours_datasette, ours_datasette >= 1.0),
        (f"p99 < 50 ms at {CONNECTIONS} connections", p99, p99 < 50.0),
        ("100× data ≥ 0.67× of 1×", scaled, scaled >= 0.67),
    ]
    say()
    for text, value, met in checks:
        say(f"target: {text:42} {'met' if met else 'MISSED':6} ({value:.2f})")


# --- Set-up times -------------------------------------------------------------------------------


def time_fresh_setup():
    """`make run`'s set-up (venv, install, migrate, load_kb, messages) on a fresh copy."""
    ignored = shutil.ignore_patterns(
        ".venv", ".git", "db.sqlite3", ".data", "__pycache__", "staticfiles", "test-artifacts",
        ".pytest_cache", ".ruff_cache",
    )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="policykb-fresh-") as directory:
        copy = os.path.join(directory, "policykb")
        shutil.copytree(ROOT, copy, ignore=ignored)
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "VIRTUAL_ENV"}}
        started = time.perf_counter()
        # Everything `make run` does before runserver starts serving.
        subprocess.run(
            ["make", "kb", "messages"],
            cwd=copy,
            env=env,
            check=True,
            timeout=900,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


def fresh_database(env):
    """A new SQLite file: migrate, then load_kb timed on its own."""
    DATABASE.unlink(missing_ok=True)
    manage(env, "migrate", "--noinput")
    seconds = manage(env, "load_kb")
    manage(env, "collectstatic", "--noinput", "--clear")
    return seconds


def record_ids():
    with sqlite3.connect(DATABASE) as db:
        funding = db.execute(
            "SELECT id FROM policykb_fundingaward WHERE slug = ?", [FUNDING_SLUG]
        ).fetchone()[0]
        institute = db.execute(
            "SELECT id FROM institutes_institute WHERE slug = ?", [INSTITUTE_SLUG]
        ).fetchone()[0]
    return {"funding": funding, "institute": institute}


def versions():
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    datasette = subprocess.run(
        [str(BIN / "datasette"), "--version"], capture_output=True, text=True
    ).stdout.split()[-1]
    gunicorn_version = (
        subprocess.run([str(BIN / "gunicorn"), "--version"], capture_output=True, text=True)
        .stdout.split()[-1]
        .strip("()")
    )
    return (
        f"Python {platform.python_version()}, gunicorn {gunicorn_version}, "
        f"datasette {datasette}, wrk {wrk_version}, {os.cpu_count()} CPU cores"
    )


def main():
    need_wrk()
    if not (BIN / "datasette").exists():
        sys.exit("datasette is missing: .venv/bin/pip install -e '.[bench]' (make bench does it).")
    DATA.mkdir(exist_ok=True)
    started = time.perf_counter()
    say(f"PolicyKB benchmark: {versions()}")
    say(
        f"wrk -t1 -c{CONNECTIONS} -d{DURATION}s --latency on {HOST}, after a {WARMUP} s "
        f"warm-up, best of {PASSES} turns per server and row; wrk shares the CPU cores with "
        "the server it measures."
    )
    setup_seconds = time_fresh_setup() if TIME_SETUP else None
    env = app_env(f"sqlite:///{DATABASE}")
    load_seconds = fresh_database(env)
    row_list = rows(record_ids())

    one = run_table("1× data (the knowledge base as loaded)", row_list)
    scale_seconds = manage(env, "scale_kb", "--factor", "100")
    hundred = run_table("100× data (scale_kb --factor 100)", row_list)
    manage(env, "scale_kb", "--remove")

    print_table(one, row_list)
    print_table(hundred, row_list, baseline=one)
    say()
    if setup_seconds is not None:
        say(f"make run set-up, fresh copy (venv, install, migrate, load_kb): {setup_seconds:.0f} s")
    say(f"load_kb into a new database: {load_seconds:.1f} s")
    say(f"scale_kb --factor 100: {scale_seconds:.1f} s")
    results = summary((one, hundred), row_list)
    print_targets(*results)
    say(f"(whole benchmark: {time.perf_counter() - started:.0f} s)")
    warm_ceiling, ours_datasette, p99, scaled = results
    say(
        f"bench: warm/ceiling min {warm_ceiling:.2f}, ours/datasette min {ours_datasette:.2f}, "
        f"p99 max {p99:.1f} ms, 100x/1x min {scaled:.2f}"
    )


if __name__ == "__main__":
    main()
