"""Benchmark: the public results as gunicorn serves them, against a bare Django view.

Starts the app under gunicorn (``--workers``, default 2 sync workers; DEBUG off) on the
demo's SQLite database, and a bare Django view (``bare_django.py``: a new project's
default middleware, one ``HttpResponse``) under the same gunicorn the same way. Loads
each address with ``--connections`` clients for ``--seconds`` (wrk when installed,
``apt-get install wrk``; else a Python client, which costs more CPU of its own), after
warm-up requests (the first request of each worker draws the page's snapshot). Prints,
per address, requests/s, mean, p50 and p95 latency and the size of the answer; the
ranking page's requests/s against the bare view's (goal at least 50 %), and a repeat
PDF and Excel download's mean time against the ranking page's (goal at most 2x); and the
load average before and after (``os.getloadavg``: a shared machine skews every figure).

The database: ``--database PATH`` (e.g. ``var/egovrank.sqlite3`` after ``make run``),
else ``/tmp/egovrank-bench-publication-server.sqlite3``, built on first use by
``migrate`` and ``seed_demo`` (about a minute) and reused after (``--rebuild``). With
``REDIS_URL`` in the environment the app caches in Redis, else in each worker's memory.
Asserts nothing.

    .venv/bin/python benchmarks/publication_server.py [--seconds 10] [--connections 4]
        [--workers 2] [--database PATH] [--rebuild] [--client wrk|python] [--path P ...]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"
DEFAULT_DATABASE = Path("/tmp/egovrank-bench-publication-server.sqlite3")  # noqa: S108
RANKING = "/published/2018/blocks/KHOI03/"
DEFAULT_PATHS = [RANKING, "/published/2018/results.pdf", "/published/2018/results.xlsx"]
# wrk's own summary gives no p95: this prints the figures the report needs.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests %d\\n", summary.requests))
  io.write(string.format("BENCH duration_us %d\\n", summary.duration))
  io.write(string.format("BENCH bytes %d\\n", summary.bytes))
  io.write(string.format("BENCH errors %d\\n", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.status + summary.errors.timeout))
  io.write(string.format("BENCH mean_us %f\\n", latency.mean))
  io.write(string.format("BENCH p50_us %d\\n", latency:percentile(50)))
  io.write(string.format("BENCH p95_us %d\\n", latency:percentile(95)))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def environment(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egovrank.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
    }


def build_demo(database: Path) -> None:
    """The demo of ``make run``: migrated and seeded (with DEBUG on, as there)."""
    database.unlink(missing_ok=True)
    env = {**environment(database), "DEBUG": "1"}
    started = time.monotonic()
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    print(f"demo database built in {time.monotonic() - started:.0f} s: {database}")


class Server:
    """gunicorn serving ``app`` on loopback, its log kept in a temporary file."""

    def __init__(self, app: str, chdir: Path, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="publication-server-", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--chdir",
                str(chdir),
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--error-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            cwd=chdir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def wait_until_answering(self, path: str, timeout: float = 90) -> None:
        limit = time.monotonic() + timeout
        while time.monotonic() < limit:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}\n{self.tail()}")
            try:
                if self.get(path)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        self.log.flush()
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


@dataclass
class Figures:
    label: str
    requests: int
    seconds: float
    errors: int
    mean_ms: float
    p50_ms: float
    p95_ms: float
    size: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load_wrk(port: int, path: str, seconds: int, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(  # noqa: S603 - wrk from the system, our own arguments
            [  # noqa: S607 - wrk from PATH, as installed by apt-get
                "wrk",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "-s",
                script.name,
                f"http://{HOST}:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(script.name).unlink(missing_ok=True)
    found = {m[1]: float(m[2]) for m in re.finditer(r"^BENCH (\w+) ([\d.]+)$", output, re.M)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    found["errors"] += int(non_2xx[1]) if non_2xx else 0
    return found


def load_python(port: int, path: str, seconds: int, connections: int) -> dict[str, float]:
    """``connections`` threads, each asking again as soon as answered, for ``seconds``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
                ok = False
            with lock:
                latencies.append(time.perf_counter() - started)
                errors[0] += 0 if ok else 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]
    return {
        "requests": len(latencies),
        "duration_us": elapsed * 1e6,
        "errors": errors[0],
        "mean_us": statistics.fmean(ordered) * 1e6,
        "p50_us": ordered[len(ordered) // 2] * 1e6,
        "p95_us": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1e6,
    }


def measure(server: Server, label: str, path: str, args: argparse.Namespace) -> Figures:
    status, body = server.get(path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}\n{server.tail()}")
    for _ in range(4 * args.workers):  # every worker draws its snapshot before the clock
        server.get(path)
    load = load_wrk if args.client == "wrk" else load_python
    found = load(server.port, path, args.seconds, args.connections)
    return Figures(
        label=label,
        requests=int(found["requests"]),
        seconds=found["duration_us"] / 1e6,
        errors=int(found["errors"]),
        mean_ms=found["mean_us"] / 1000,
        p50_ms=found["p50_us"] / 1000,
        p95_ms=found["p95_us"] / 1000,
        size=len(body),
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per address (%(default)s)")
    parser.add_argument("--connections", type=int, default=4, help="clients (%(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's (%(default)s)")
    parser.add_argument("--database", type=Path, default=None, help="a SQLite demo database")
    parser.add_argument("--rebuild", action="store_true", help="build the demo database anew")
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="the load generator (default: wrk when installed: %(default)s)",
    )
    parser.add_argument(
        "--path",
        action="append",
        default=None,
        help=f"an address to load, repeatable (default: {', '.join(DEFAULT_PATHS)})",
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    paths = args.path or DEFAULT_PATHS
    database = args.database or DEFAULT_DATABASE
    if args.rebuild or not database.exists():
        if args.database is not None and not args.rebuild:
            sys.exit(f"no database at {database}")
        build_demo(database)
    env = environment(database)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"gunicorn {args.workers} sync workers, DEBUG off, {database}; cache: "
        f"{'Redis' if env.get('REDIS_URL') else 'each worker memory'}; client: {args.client}, "
        f"{args.connections} connections x {args.seconds} s per address"
    )
    results: list[Figures] = []
    bare = Server("bare_django:application", HERE, env, args.workers)
    try:
        bare.wait_until_answering("/")
        results.append(measure(bare, "bare Django view", "/", args))
    finally:
        bare.stop()
    app = Server("egovrank.wsgi:application", ROOT, env, args.workers)
    try:
        app.wait_until_answering("/published/")
        results.extend(measure(app, path, path, args) for path in paths)
    finally:
        app.stop()
    base = results[0]
    print()
    print(
        f"{'address':<44} {'req/s':>8} {'mean':>9} {'p50':>9} {'p95':>9} {'bytes':>9} "
        f"{'errors':>6} {'of bare':>7}"
    )
    for item in results:
        print(
            f"{item.label:<44} {item.per_second:8.1f} {item.mean_ms:7.2f}ms "
            f"{item.p50_ms:7.2f}ms {item.p95_ms:7.2f}ms {item.size:9d} {item.errors:6d} "
            f"{100 * item.per_second / base.per_second:6.1f}%"
        )
    by_path = {item.label: item for item in results[1:]}
    page = by_path.get(RANKING)
    print()
    if page is not None:
        share = 100 * page.per_second / base.per_second
        print(
            f"ranking page: {share:.1f} % of the bare view's requests/s (goal >= 50 %: "
            f"{'met' if share >= 50 else 'missed'})"
        )
        for item in results[1:]:
            if item.label.endswith((".pdf", ".xlsx")):
                ratio = item.mean_ms / page.mean_ms
                print(
                    f"{item.label}: {ratio:.2f}x the ranking page's mean time (goal <= 2x: "
                    f"{'met' if ratio <= 2 else 'missed'})"
                )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
