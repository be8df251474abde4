"""Benchmark: the CPU one self-assessment save costs, in this process.

Prepares the deadline-day world (``deadline_day.prepare``: the Hưng Yên demo, a 2019
period open for self-assessment, an officer per unit) in a throw-away SQLite file,
signs one officer in through the sign-in page, then saves one criterion of the unit's
form again and again as the HTMX page does (the answer alternating, each save sending
the revision the previous one returned), through Django's full request stack
(middleware, session, CSRF, the view, the fragment's template) with DEBUG off; with
``--api``, through the REST API with a token instead.

Prints the process's CPU time per save (min / median / p90 over the measured saves),
the queries per save, and with ``--profile`` where the time goes (cProfile, the
functions with the most cumulative time). SQLite runs in this process, so its work is
in the figure; against PostgreSQL (``--database-url``) the database's own CPU is not.

    .venv/bin/python benchmarks/one_save.py [--saves 200] [--warm-up 10]
        [--criterion HT3.1] [--api] [--profile] [--database-url URL]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import deadline_day  # noqa: E402 - after the path, a sibling script

DEFAULT_SQLITE = Path("/tmp/egovrank-bench-one-save.sqlite3")  # noqa: S108


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--saves", type=int, default=200, help="measured saves (default 200)")
    parser.add_argument("--warm-up", type=int, default=10, help="saves before measuring")
    parser.add_argument(
        "--criterion", default=None, help="the criterion saved (default: the first yes/no one)"
    )
    parser.add_argument(
        "--api", action="store_true", help="save through the REST API (a token) instead"
    )
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    parser.add_argument(
        "--profile-filter", default="", help="with --profile: only functions whose place matches"
    )
    parser.add_argument("--profile-file", help="with --profile: also write the raw profile here")
    parser.add_argument(
        "--database-url",
        default=f"sqlite:///{DEFAULT_SQLITE}",
        help="database to drop, create and use; its name must contain 'bench' or "
        "'deadline' (default: a SQLite file, %(default)s)",
    )
    args = parser.parse_args()
    if args.saves < 1 or args.warm_up < 0:
        parser.error("--saves must be at least 1 and --warm-up at least 0")
    return args


def _a_yes_no_criterion(unit: deadline_day.Unit) -> deadline_day.Save:
    for save in unit.saves:
        if save.value in {"yes", "no"}:
            return save
    raise SystemExit(f"{unit.code} has no yes/no criterion: name one with --criterion")


def main() -> int:
    args = parse_args()
    url = args.database_url
    deadline_day._check_throwaway(url)
    deadline_day.recreate_database(url)
    settings = argparse.Namespace(database_url=url, conn_max_age=60)
    environment = deadline_day.app_environment(settings, "one-save-benchmark-" + "x" * 40)
    environment["ALLOWED_HOSTS"] = "testserver"
    try:
        deadline_day.setup_django(environment)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        call_command("migrate", verbosity=0)
        unit = deadline_day.prepare(officers=1, criteria=None)[0]
        save = (
            next(s for s in unit.saves if s.code == args.criterion)
            if args.criterion
            else _a_yes_no_criterion(unit)
        )
        client = Client()
        client.get("/account/sign-in/")
        answer = client.post(
            "/account/sign-in/",
            {"username": unit.officer, "password": deadline_day.PASSWORD, "next": ""},
        )
        if answer.status_code != 302:
            raise SystemExit(f"sign-in answered {answer.status_code}")
        page = client.get(deadline_day.form_path(unit))
        revision = int(dict(deadline_day.REVISION.findall(page.content.decode()))[save.element])
        path = f"{deadline_day.form_path(unit)}criteria/{save.code}/save/"
        values = ("yes", "no") if save.value in {"yes", "no"} else (save.value, save.value + "0")
        if args.api:
            from egovrank.accounts.models import User
            from egovrank.api.actions import do_create_token

            officer = User.objects.get(username=unit.officer)
            _token, secret = do_create_token(officer, "benchmark", actor=officer)
            client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
            path = f"/api/v1/assessments/{deadline_day.YEAR}/{unit.code}/answers/{save.code}/"

        def one(n: int) -> None:
            nonlocal revision
            fields = {"value": values[n % 2], "note": "", "evidence_explanation": "x"}
            if args.api:
                answer = client.post(
                    path, {**fields, "revision": revision}, content_type="application/json"
                )
            else:
                fields["revision"] = str(revision)
                answer = client.post(path, fields, HTTP_HX_REQUEST="true")
            if answer.status_code != 200:
                raise SystemExit(f"save {n} answered {answer.status_code}")
            revision += 1

        for n in range(args.warm_up):
            one(n)
        cpu: list[float] = []
        with CaptureQueriesContext(connection) as queries:
            for n in range(args.saves):
                started = time.process_time()
                one(n)
                cpu.append((time.process_time() - started) * 1000)
        cpu.sort()
        print(f"unit {unit.code}, criterion {save.code}, {args.saves} saves after {args.warm_up}")
        print(
            f"CPU per save: min {cpu[0]:.2f} ms, median {statistics.median(cpu):.2f} ms, "
            f"p90 {cpu[int(0.9 * (len(cpu) - 1))]:.2f} ms"
        )
        print(f"queries per save: {len(queries) / args.saves:g}")
        if args.profile:
            profiler = cProfile.Profile(time.process_time)  # CPU, not waiting
            profiler.enable()
            for n in range(args.saves):
                one(n)
            profiler.disable()
            stats = pstats.Stats(profiler)
            if args.profile_file:
                stats.dump_stats(args.profile_file)
            print(f"Python calls per save: {stats.total_calls / args.saves:,.0f}")  # type: ignore[attr-defined]
            stats.sort_stats("cumulative").print_stats(args.profile_filter, 45)
    finally:
        deadline_day.drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
