"""Benchmark: the public results at national scale.

Creates a fresh database (PostgreSQL by default, or a SQLite file with ``--sqlite``),
migrates it and loads the national-scale synthetic data with ``generate_national_data``
(12,000 units: a block of 160, one of 1,840, one of 10,000 communes; every form
reviewed, the results published), run as the operator would, in a child process whose
time is printed. Then, in this process, with DEBUG off, it measures:

- the server time of the public ranking page (``publication:block``) for the 160-unit
  block and for the 10,000-unit block: Django's test client in-process (the whole
  request through the middleware and the template, no network), warm-up requests, then
  ``--repeat`` timed ones: median and p95, and the SQL queries of one request;
- exporting the 10,000-unit block to Excel (``from_publication`` + ``render_xlsx``, as
  the download does): the time of each run, and the peak memory (Python allocations by
  tracemalloc, in a run of its own since tracing slows it down, and the process's peak
  resident memory during the timed runs);
- the whole Excel download of the year (``publication:xlsx``, every block: 12,000 rows):
  time, size, SQL queries and peak resident memory.

Prints figures and the targets beside them (ranking page < 50 ms for 160 units; Excel
of 10,000 units < 10 s); asserts nothing. Drops the database at the end (``--keep``
keeps it; ``--reuse`` measures a database kept earlier, without regenerating).

    .venv/bin/python benchmarks/publication.py [--units 12000] [--repeat 20]
        [--database-url URL | --sqlite [PATH]] [--keep] [--reuse]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import secrets
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/egovrank_bench_publication"
DEFAULT_SQLITE = Path("/tmp/egovrank-bench-publication.sqlite3")  # noqa: S108 - throw-away
YEAR = 2030
SMALL, LARGE = "KHOI01", "KHOI03"  # 160 and 10,000 units in the national shape
TARGET_PAGE = 0.050
TARGET_XLSX = 10.0


# --- the database -----------------------------------------------------------------------


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _maintenance_url(url: str) -> str:
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme in {"postgres", "postgresql", "pgsql"} else parts.scheme
    return urlunsplit((scheme, parts.netloc, "/postgres", parts.query, ""))


def _check_throwaway(url: str) -> None:
    """The database is dropped: refuse one whose name does not say it is a benchmark's."""
    parts = urlsplit(url)
    name = Path(parts.path).name if parts.scheme == "sqlite" else _database_name(url)
    if "bench" not in name:
        sys.exit(f"refusing to drop database {name!r}: its name lacks 'bench'")


def recreate_database(url: str) -> None:
    if urlsplit(url).scheme == "sqlite":
        Path(urlsplit(url).path).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = sql.Identifier(_database_name(url))
    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(url: str) -> None:
    if urlsplit(url).scheme == "sqlite":
        Path(urlsplit(url).path).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = sql.Identifier(_database_name(url))
    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def environment(url: str) -> dict[str, str]:
    """The app's environment: production-like (DEBUG off), on the benchmark's database."""
    return {
        "DJANGO_SETTINGS_MODULE": "egovrank.settings",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
    }


def generate(env: dict[str, str], units: int) -> float:
    """Migrate, then load the synthetic data through the command; its wall time."""
    run = {"cwd": ROOT, "env": {**os.environ, **env}, "check": True}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], **run)  # noqa: S603 - our own interpreter
    started = time.perf_counter()
    command = ["generate_national_data", "--units", str(units), "--year", str(YEAR), "--force"]
    subprocess.run([*manage, *command], **run)  # noqa: S603
    return time.perf_counter() - started


# --- measuring --------------------------------------------------------------------------


def percentile(ordered: list[float], share: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def rss_mb() -> float:
    """The process's resident memory now."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak_rss() -> bool:
    """Start the peak resident memory afresh (Linux: clear_refs 5); False where not
    possible, the peak then being the process's whole life."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def queries_of(request: Callable[[], Any]) -> tuple[int, Any]:
    """The SQL queries one request runs, and its answer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        answer = request()
    return len(captured.captured_queries), answer


def time_page(
    client: Any, url: str, repeat: int, warm_up: int
) -> tuple[list[float], list[float], int, Any]:
    """Seconds per request (the answer read to its last byte), the CPU seconds this
    process spent on each (the rest is the database and whatever else the machine
    runs), the queries of one request, and its answer."""

    def get() -> Any:
        response = client.get(url)
        _ = response.content
        return response

    count, response = queries_of(get)
    if response.status_code != 200:
        return [], [], count, response
    for _ in range(warm_up):
        get()
    timings, cpu = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        get()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return timings, cpu, count, response


def page_line(label: str, timings: list[float], cpu: list[float], queries: int, size: int) -> str:
    ordered = sorted(timings)
    median, p95 = 1000 * statistics.median(ordered), 1000 * percentile(ordered, 0.95)
    return (
        f"  {label:<22} n={len(ordered):>3}  median {median:7.1f} ms  p95 {p95:7.1f} ms  "
        f"(CPU {1000 * statistics.median(cpu):.1f} ms)  {queries} SQL queries  "
        f"{size / 1024:,.0f} KiB"
    )


def measure_pages(repeat: int) -> None:
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from egovrank.results.models import PublishedResult

    client = Client()
    sizes = dict(
        PublishedResult.objects.filter(publication__period__year=YEAR)
        .values_list("block_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    print("\nthe public ranking page (publication:block), in-process:")
    median_small = None
    for block, runs in ((SMALL, repeat), (LARGE, max(3, repeat // 4))):
        url = reverse("publication:block", args=[YEAR, block])
        timings, cpu, count, response = time_page(client, url, runs, warm_up=2)
        label = f"{block} ({sizes.get(block, 0):,} units)"
        if not timings:
            print(f"  {label:<22} {url} answered {response.status_code}: not measured")
            continue
        print(page_line(label, timings, cpu, count, len(response.content)))
        if block == SMALL:
            median_small = statistics.median(timings)
    if median_small is not None:
        verdict = "met" if median_small < TARGET_PAGE else "missed"
        print(
            f"target: ranking page < 50 ms for 160 units: {verdict} ({1000 * median_small:.1f} ms)"
        )


def measure_xlsx(repeat: int) -> None:
    from egovrank.publication.exports.source import from_publication
    from egovrank.publication.exports.xlsx import render_xlsx
    from egovrank.publication.queries import current_publication

    publication = current_publication(YEAR)
    units = publication.results.filter(block_code=LARGE).count()

    def export() -> bytes:
        return render_xlsx(from_publication(publication, only=[LARGE]))

    render_xlsx(from_publication(publication, only=[SMALL]))  # imports and caches warm
    print(f"\nExcel export of {LARGE} ({units:,} units), from_publication + render_xlsx:")
    timings, cpu = [], []
    gc.collect()
    before = rss_mb()
    exact = reset_peak_rss()
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        data = export()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    peak = peak_rss_mb()
    gc.collect()
    tracemalloc.start()
    export()
    _current, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(timings)
    runs = ", ".join(f"{t:.2f}" for t in timings)
    print(
        f"  time: median {median:.2f} s (runs {runs} s; CPU median "
        f"{statistics.median(cpu):.2f} s), {len(data) / 1024:,.0f} KiB"
    )
    print(
        f"  peak memory: Python allocations {traced / 2**20:.0f} MB (tracemalloc); resident "
        f"{peak:.0f} MB{'' if exact else ' (whole process life)'}, {before:.0f} MB before"
    )
    verdict = "met" if median < TARGET_XLSX else "missed"
    print(f"target: Excel of 10,000 units < 10 s: {verdict} ({median:.2f} s)")


def measure_download() -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    url = reverse("publication:xlsx", args=[YEAR])
    gc.collect()
    exact = reset_peak_rss()
    started, used = time.perf_counter(), time.process_time()
    count, response = queries_of(lambda: client.get(url))
    body = response.content
    seconds, cpu = time.perf_counter() - started, time.process_time() - used
    print(f"\nthe whole download {url} (every block of {YEAR}):")
    if response.status_code != 200:
        print(f"  answered {response.status_code}: not measured")
        return
    print(
        f"  {seconds:.2f} s (CPU {cpu:.2f} s), {len(body) / 1024:,.0f} KiB, {count} SQL "
        f"queries, peak resident {peak_rss_mb():.0f} MB"
        + ("" if exact else " (whole process life)")
    )


# --- the run ----------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--units", type=int, default=12_000, help="synthetic units in all (default %(default)s)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=20,
        help="timed requests of the 160-unit page (a quarter of them, at least 3, for the "
        "10,000-unit page; 3 Excel exports) (default %(default)s)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="PostgreSQL database to drop, create and use; its name must contain 'bench' "
        "(default %(default)s)",
    )
    where.add_argument(
        "--sqlite",
        nargs="?",
        const=str(DEFAULT_SQLITE),
        metavar="PATH",
        help=f"a SQLite file instead, whose name contains 'bench' (default {DEFAULT_SQLITE})",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database as it is (kept by --keep), without regenerating",
    )
    args = parser.parse_args()
    if args.sqlite:
        args.database_url = f"sqlite:///{Path(args.sqlite).resolve()}"
    if args.units < 3 or args.repeat < 1:
        parser.error("--units must be at least 3 and --repeat at least 1")
    return args


def main() -> int:
    args = parse_args()
    url = args.database_url
    _check_throwaway(url)
    env = environment(url)
    vendor = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{vendor} ({url})"
    )
    if not args.reuse:
        recreate_database(url)
        seconds = generate(env, args.units)
        print(f"generate_national_data --units {args.units}: {seconds:.1f} s (wall)")
    try:
        os.environ.update(env)
        import django

        django.setup()
        measure_pages(args.repeat)
        measure_xlsx(3)
        measure_download()
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.keep or args.reuse:
            print(f"\ndatabase kept: {url}")
        else:
            drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
