"""Benchmark: deadline day. Many units fill in and submit their self-assessment at once.

Creates a fresh PostgreSQL database (``--sqlite``: a SQLite file, the embedded default),
migrates it and prepares one period open for
self-assessment: the Hưng Yên demo units (plus synthetic communes when more officers
are asked for than the demo has units), one officer and one head per unit. Starts the
app under gunicorn on loopback, signs everyone in (before the clock starts: sign-in is
slow on purpose, Argon2), then releases every officer at once: each saves every
criterion of its unit's form in order, as the HTMX page does (each save sends the
revision the previous answer returned), and then the unit's head submits the form,
ticking the declaration.

Prints throughput, latency percentiles for saves, submissions and overall, errors by
status, then checks in the database that every saved answer, every submission and
every audit event is there. Target: p95 < 300 ms, no error, nothing missing. Exits 1
on an error or anything missing (a missed latency target is printed, not an exit code).

    .venv/bin/python benchmarks/deadline_day.py [--officers 200] [--criteria N]
        [--workers W] [--threads T] [--conn-max-age SECONDS] [--think SECONDS]
        [--database-url URL | --sqlite [PATH]] [--keep]

The officers save with no pause by default, so this is a stress test: 200 people
clicking every few seconds load the server far less than 200 clients that never wait.
``--think`` adds a pause between one officer's saves.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/egovrank_deadline_day"
DEFAULT_SQLITE = Path("/tmp/egovrank-deadline-day.sqlite3")  # noqa: S108
YEAR = 2019  # the demo units are those of the 2019 evaluation
PASSWORD = "Deadline-day-2749!"  # noqa: S105 - throw-away accounts in a throw-away database
TARGET_P95 = 0.300
HOST = "127.0.0.1"
# Each criterion's current revision, in the form page and in a save's answer.
REVISION = re.compile(r'name="revision" id="rev-([^"]+)" value="(\d+)"')


# --- the database -----------------------------------------------------------------------


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _maintenance_url(url: str) -> str:
    """The same server, its ``postgres`` database (to drop and create the benchmark's)."""
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme in {"postgres", "postgresql", "pgsql"} else parts.scheme
    return urlunsplit((scheme, parts.netloc, "/postgres", parts.query, ""))


def _is_sqlite(url: str) -> bool:
    return urlsplit(url).scheme == "sqlite"


def _sqlite_path(url: str) -> Path:
    return Path("/" + urlsplit(url).path.lstrip("/"))


def _check_throwaway(url: str) -> str:
    name = _database_name(url)
    if _is_sqlite(url):
        name = _sqlite_path(url).name
        if not ("bench" in name or "deadline" in name):
            sys.exit(f"refusing to delete {url!r}: its file name lacks 'bench' or 'deadline'")
        return name
    if urlsplit(url).scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"--database-url must be a PostgreSQL URL (got {url!r})")
    # The database is dropped: refuse a name that does not say it is a benchmark's.
    if not name or not ("bench" in name or "deadline" in name):
        sys.exit(f"refusing to drop database {name!r}: its name lacks 'bench' or 'deadline'")
    return name


def _drop(connection: Any, name: str) -> None:
    from psycopg import sql

    connection.execute(
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    )


def _remove_sqlite(url: str) -> None:
    path = _sqlite_path(url)
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def recreate_database(url: str) -> None:
    if _is_sqlite(url):
        _remove_sqlite(url)  # migrate creates the file
        return
    import psycopg
    from psycopg import sql

    name = _database_name(url)
    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        _drop(connection, name)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str) -> None:
    if _is_sqlite(url):
        _remove_sqlite(url)
        return
    import psycopg

    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        _drop(connection, _database_name(url))


def max_connections(url: str) -> int:
    if _is_sqlite(url):
        return 1_000_000  # no server: each process opens the file
    import psycopg

    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        row = connection.execute("SHOW max_connections").fetchone()
    return int(row[0]) if row else 100


def app_environment(args: argparse.Namespace, secret_key: str) -> dict[str, str]:
    """The environment the app runs with, in gunicorn and in this process."""
    return {
        "DJANGO_SETTINGS_MODULE": "egovrank.settings",
        "DATABASE_URL": args.database_url,
        "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
        "SECRET_KEY": secret_key,
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
    }


def setup_django(environment: dict[str, str]) -> None:
    os.environ.update(environment)
    import django

    django.setup()


# --- the data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Save:
    code: str
    element: str  # the code as the page writes it in HTML ids (HT3.1 → HT3_1)
    value: str
    not_applicable: bool
    note: str
    evidence_explanation: str


@dataclass
class Unit:
    """One unit of the run: its people and the saves its officer makes."""

    code: str
    officer: str
    head: str
    saves: list[Save]
    prefilled: int  # criteria answered before the run (with --criteria below the set)


def _interleave(groups: list[list[Any]]) -> list[Any]:
    """One of each group in turn, so any prefix mixes departments, districts, communes."""
    mixed = []
    longest = max((len(group) for group in groups), default=0)
    for index in range(longest):
        mixed.extend(group[index] for group in groups if index < len(group))
    return mixed


def prepare(officers: int, criteria: int | None) -> list[Unit]:
    """Units, one period open for self-assessment, and an officer and a head per unit."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from egovrank.accounts.models import RoleAssignment, User
    from egovrank.assessments.demo import answer_rows, plausible_answers
    from egovrank.assessments.models import Answer, Assessment
    from egovrank.assessments.queries import criteria_set_for
    from egovrank.assessments.sheet import dom_id
    from egovrank.core.roles import Role
    from egovrank.criteria.models import CriteriaVersion
    from egovrank.criteria.versions import ensure_shipped_versions
    from egovrank.demo.hungyen import load_demo
    from egovrank.orgs.choices import UnitKind
    from egovrank.orgs.models import Block
    from egovrank.orgs.models import Unit as UnitRow
    from egovrank.periods.models import Participant, Period, PeriodBlock
    from egovrank.periods.rules import reviewer_unit_for

    load_demo()
    ensure_shipped_versions()
    province = UnitRow.objects.get(code="33")
    blocks = list(Block.objects.order_by("order"))
    with transaction.atomic():
        existing = UnitRow.objects.filter(block__isnull=False).valid_in(YEAR).count()
        if officers > existing:
            # More officers than the demo has units: synthetic communes of one district.
            district = (
                UnitRow.objects.filter(kind=UnitKind.DISTRICT, block__isnull=False)
                .order_by("code")
                .first()
            )
            communes = Block.objects.get(unit_kind=UnitKind.COMMUNE)
            UnitRow.objects.bulk_create(
                UnitRow(
                    code=f"BENCH{n:04d}",
                    name=f"Xã Thử Nghiệm {n}",
                    kind=UnitKind.COMMUNE,
                    block=communes,
                    parent=district,
                )
                for n in range(1, officers - existing + 1)
            )
        period = Period.objects.create(
            year=YEAR,
            title=f"Đánh giá, xếp hạng mức độ Chính quyền điện tử năm {YEAR} (benchmark)",
            state="self_assessment",
            self_assessment_deadline=timezone.now() + timedelta(days=7),
            opened_at=timezone.now(),
        )
        for block in blocks:
            version = CriteriaVersion.objects.get(set_id=f"hungyen-2018-{block.code.lower()}")
            PeriodBlock.objects.create(period=period, block=block, version=version)
        units = list(
            UnitRow.objects.filter(block__isnull=False)
            .valid_in(YEAR)
            .select_related("parent", "block")
            .order_by("block__order", "code")
        )
        participants = Participant.objects.bulk_create(
            Participant(
                period=period,
                unit=unit,
                block_id=unit.block_id,
                reviewer_unit=reviewer_unit_for(unit, YEAR, province),
                unit_code=unit.code,
                unit_name=unit.name,
            )
            for unit in units
        )
        by_block = [[p for p in participants if p.block_id == block.pk] for block in blocks]
        chosen = _interleave(by_block)[:officers]

        # Argon2 is slow on purpose: hash the one password once and copy the hash.
        hashed = make_password(PASSWORD)
        people = []
        for participant in chosen:
            code = participant.unit_code.lower()
            for kind in ("officer", "head"):
                people.append(
                    User(
                        username=f"bench.{kind}.{code}",
                        full_name=f"{kind.title()} {participant.unit_name}",
                        unit_id=participant.unit_id,
                        password=hashed,
                        is_active=True,
                    )
                )
        people = User.objects.bulk_create(people)
        by_name = {person.username: person for person in people}
        RoleAssignment.objects.bulk_create(
            RoleAssignment(
                user=by_name[f"bench.{kind}.{p.unit_code.lower()}"], role=role, unit_id=p.unit_id
            )
            for p in chosen
            for kind, role in (("officer", Role.UNIT_OFFICER), ("head", Role.UNIT_HEAD))
        )

        plan = []
        prefilled_answers: list[Any] = []
        for seed, participant in enumerate(chosen, start=1):
            participant.period = period
            answers = plausible_answers(criteria_set_for(participant), seed=seed, share=1.0)
            items = list(answers.items())
            sent = items if criteria is None else items[:criteria]
            rest = items[len(sent) :]
            officer = f"bench.officer.{participant.unit_code.lower()}"
            if rest:
                # A quick run saves only the first criteria; the rest were filled in
                # earlier, so the head can still submit.
                assessment = Assessment.objects.create(participant=participant)
                prefilled_answers.extend(answer_rows(assessment, rest, by=by_name[officer]))
            plan.append(
                Unit(
                    code=participant.unit_code,
                    officer=officer,
                    head=f"bench.head.{participant.unit_code.lower()}",
                    saves=[
                        Save(
                            code,
                            dom_id(code),
                            entered.value,
                            entered.not_applicable,
                            entered.note,
                            entered.evidence_explanation,
                        )
                        for code, entered in sent
                    ],
                    prefilled=len(rest),
                )
            )
        Answer.objects.bulk_create(prefilled_answers, batch_size=1000)
    return plan


# --- gunicorn ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn serving the app on loopback, its error log kept in a temporary file."""

    def __init__(self, environment: dict[str, str], workers: int, threads: int) -> None:
        self.environment = environment
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="deadline-day-gunicorn-", suffix=".log", delete=False
        )
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "egovrank.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=ROOT,
            env={**os.environ, **environment},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_answering(self, timeout: float = 60) -> None:
        limit = time.monotonic() + timeout
        while time.monotonic() < limit:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}\n{self.tail()}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", "/account/sign-in/")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

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


# --- CPU accounting (Linux /proc; skipped elsewhere) --------------------------------------


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_cpu(master: int) -> float | None:
    """CPU seconds used so far by gunicorn's workers (the children of ``master``)."""
    try:
        total = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue  # the process ended meanwhile
            if int(text.rsplit(")", 1)[1].split()[1]) == master:
                total += _cpu_seconds(int(stat.parent.name))
        return total
    except (OSError, ValueError):
        return None


def postgres_cpu() -> float | None:
    """CPU seconds used so far by the local PostgreSQL server's processes, ended
    backends included (the postmaster reaps them), for every database on it."""
    try:
        total = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue
            name = text[text.index("(") + 1 : text.rindex(")")]
            if name.startswith("postgres"):
                fields = text.rsplit(")", 1)[1].split()
                total += sum(int(n) for n in fields[11:15])  # utime stime cutime cstime
        return total / os.sysconf("SC_CLK_TCK") if total else None
    except (OSError, ValueError):
        return None


def machine_cpu() -> tuple[float, float] | None:
    """Busy and total CPU seconds of the whole machine so far (every process)."""
    try:
        ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + ticks[4]  # idle + iowait
    per_second = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - idle) / per_second, sum(ticks) / per_second


# --- the simulated people ---------------------------------------------------------------


@dataclass
class Sample:
    kind: str  # "save" or "submit"
    status: int  # 0: no answer (connection refused, reset, timeout)
    seconds: float
    problem: str = ""


@dataclass
class Browser:
    """One person's browser: a keep-alive connection and its cookies."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    revisions: dict[str, int] = field(default_factory=dict)  # by HTML id, as last seen
    connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        fields: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str, float]:
        """Status, body and seconds from sending to the last byte of the answer."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        sent_headers = {"Accept-Language": "vi", **(headers or {})}
        if self.cookies:
            sent_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent_headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=sent_headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        elapsed = time.perf_counter() - started
        for header in response.msg.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, content.decode("utf-8", "replace"), elapsed

    def csrf_headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.cookies.get("csrftoken", "")}

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def form_path(unit: Unit) -> str:
    return f"/assessments/{YEAR}/{unit.code}/"


def sign_in(port: int, username: str, unit: Unit) -> Browser:
    """Sign in as a person would and open the unit's form (which sets the CSRF cookie)."""
    browser = Browser(port)
    status, _body, _seconds = browser.request("GET", "/account/sign-in/")
    if status != 200:
        raise RuntimeError(f"{username}: the sign-in page answered {status}")
    fields = {
        "csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""),
        "username": username,
        "password": PASSWORD,
        "next": "",
    }
    status, _body, _seconds = browser.request("POST", "/account/sign-in/", fields)
    if status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"{username}: sign-in answered {status} without a session")
    status, body, _seconds = browser.request("GET", form_path(unit))
    if status != 200:
        raise RuntimeError(f"{username}: the form of {unit.code} answered {status}")
    browser.revisions = {code: int(n) for code, n in REVISION.findall(body)}
    # The run starts after a pause longer than gunicorn's keep-alive: start afresh then.
    browser.close()
    return browser


def fill_in_and_submit(
    unit: Unit,
    officer: Browser,
    head: Browser,
    start: threading.Barrier,
    think: float,
    samples: list[Sample],
) -> None:
    start.wait()
    rng = random.Random(unit.code)  # noqa: S311 - pauses, not secrets
    for save in unit.saves:
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
        revision = officer.revisions.get(save.element, 0)
        fields = {
            "value": save.value,
            "note": save.note,
            "evidence_explanation": save.evidence_explanation,
            "revision": revision,
        }
        if save.not_applicable:
            fields["not_applicable"] = "on"
        headers = {"HX-Request": "true", **officer.csrf_headers()}
        path = f"{form_path(unit)}criteria/{save.code}/save/"
        try:
            status, body, seconds = officer.request("POST", path, fields, headers)
        except (OSError, http.client.HTTPException) as error:
            samples.append(Sample("save", 0, 0.0, f"{type(error).__name__}: {error}"))
            continue
        problem = ""
        if status == 200:
            found = dict(REVISION.findall(body)).get(save.element)
            if found != str(revision + 1):
                problem = f"{save.code}: revision {found!r} in the answer, not {revision + 1}"
            else:
                officer.revisions[save.element] = revision + 1
        samples.append(Sample("save", status, seconds, problem))
    officer.close()
    try:
        status, _body, seconds = head.request(
            "POST", f"{form_path(unit)}submit/", {"declaration": "on"}, head.csrf_headers()
        )
    except (OSError, http.client.HTTPException) as error:
        samples.append(Sample("submit", 0, 0.0, f"{type(error).__name__}: {error}"))
        return
    finally:
        head.close()
    samples.append(Sample("submit", status, seconds))


# --- figures ----------------------------------------------------------------------------


def percentile(ordered: list[float], share: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_line(label: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    if not ordered:
        return f"  {label:<12} no request"
    ms = [1000 * percentile(ordered, share) for share in (0.5, 0.95, 0.99)]
    return (
        f"  {label:<12} n={len(ordered):>6}  p50 {ms[0]:7.1f} ms  p95 {ms[1]:7.1f} ms  "
        f"p99 {ms[2]:7.1f} ms  max {1000 * ordered[-1]:7.1f} ms"
    )


def cpu_line(before: tuple[Any, ...], after: tuple[Any, ...], requests: int) -> str:
    """Where the CPU went during the run: the app, this client, the whole machine."""
    parts = []
    if before[0] is not None and after[0] is not None:
        server = after[0] - before[0]
        parts.append(f"gunicorn workers {server:.1f} s ({1000 * server / requests:.1f} ms/request)")
    if before[3] is not None and after[3] is not None:
        database = after[3] - before[3]
        parts.append(
            f"PostgreSQL {database:.1f} s ({1000 * database / requests:.1f} ms/request; "
            "every database on the server)"
        )
    parts.append(f"this client {after[1] - before[1]:.1f} s")
    if before[2] is not None and after[2] is not None:
        busy = after[2][0] - before[2][0]
        total = after[2][1] - before[2][1]
        parts.append(
            f"whole machine {busy:.1f} of {total:.1f} CPU-s busy "
            f"({100 * busy / total:.0f}%, other processes included)"
        )
    return "CPU during the run:\n  " + "\n  ".join(parts)


def verify(plan: list[Unit]) -> list[str]:
    """What the database lacks of what was sent (empty when everything is there)."""
    from django.db import connections

    from egovrank.assessments.choices import AssessmentState
    from egovrank.assessments.models import Answer, Assessment
    from egovrank.core.models import AuditEvent

    connections.close_all()  # gunicorn wrote everything: read afresh
    problems = []
    stored = {
        (unit_code, code): (value, revision)
        for unit_code, code, value, revision in Answer.objects.filter(
            assessment__participant__period__year=YEAR
        ).values_list("assessment__participant__unit_code", "code", "value", "revision")
    }
    missing = wrong = 0
    for unit in plan:
        for save in unit.saves:
            found = stored.get((unit.code, save.code))
            if found is None:
                missing += 1
                if missing <= 5:
                    problems.append(f"answer missing: {unit.code} {save.code}")
            elif found != (save.value[:500], 1):
                wrong += 1
                if wrong <= 5:
                    problems.append(
                        f"answer differs: {unit.code} {save.code} stored {found}, "
                        f"sent {save.value!r} (revision 1)"
                    )
    states = dict(
        Assessment.objects.filter(participant__period__year=YEAR).values_list(
            "participant__unit_code", "state"
        )
    )
    not_submitted = [u.code for u in plan if states.get(u.code) != AssessmentState.SUBMITTED]
    saves_sent = sum(len(unit.saves) for unit in plan)
    events = Counter(
        AuditEvent.objects.filter(
            action__in=["answer.changed", "assessment.submitted"]
        ).values_list("action", flat=True)
    )
    print("\nin the database:")
    print(
        f"  answers saved as sent: {saves_sent - missing - wrong:,}/{saves_sent:,} "
        f"(missing {missing}, different {wrong})"
    )
    print(f"  assessments submitted: {len(plan) - len(not_submitted)}/{len(plan)}")
    print(
        f"  audit events answer.changed: {events['answer.changed']:,}/{saves_sent:,}, "
        f"assessment.submitted: {events['assessment.submitted']}/{len(plan)}"
    )
    if missing:
        problems.append(f"{missing} answers missing")
    if wrong:
        problems.append(f"{wrong} answers differ from what was sent")
    if not_submitted:
        problems.append(
            f"{len(not_submitted)} assessments not submitted: {', '.join(not_submitted[:10])}"
        )
    if events["answer.changed"] != saves_sent:
        problems.append(f"answer.changed events: {events['answer.changed']}, sent {saves_sent}")
    if events["assessment.submitted"] != len(plan):
        problems.append(
            f"assessment.submitted events: {events['assessment.submitted']}, sent {len(plan)}"
        )
    return problems


# --- the run ----------------------------------------------------------------------------


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--officers",
        type=int,
        default=200,
        help="units filling in at once, one officer and one head each (default 200)",
    )
    parser.add_argument(
        "--criteria",
        type=int,
        default=None,
        help="criteria each officer saves (default: every criterion of its set); the rest "
        "are filled in beforehand so the head can still submit",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="gunicorn worker processes (default 2 x CPUs + 1, at most 9: %(default)s)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (default 1: the sync worker; >1: gthread)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DATABASE_CONN_MAX_AGE for the app, seconds (default 60, the app's default; "
        "0: one database connection per request)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause of an officer between two saves, seconds (default 0: no pause)",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="PostgreSQL database to drop, create and use; its name must contain 'bench' "
        "or 'deadline' (default %(default)s)",
    )
    parser.add_argument(
        "--sqlite",
        nargs="?",
        type=Path,
        const=DEFAULT_SQLITE,
        default=None,
        metavar="PATH",
        help="use a SQLite file instead of PostgreSQL, the embedded default's settings "
        "(IMMEDIATE transactions, a 30 s busy timeout); deleted and created anew, so its "
        f"name must contain 'bench' or 'deadline' (default {DEFAULT_SQLITE})",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards (default: drop it)"
    )
    args = parser.parse_args()
    if args.sqlite is not None:
        args.database_url = f"sqlite:///{args.sqlite.resolve()}"
    if args.officers < 1 or args.workers < 1 or args.threads < 1:
        parser.error("--officers, --workers and --threads must be at least 1")
    if args.criteria is not None and args.criteria < 1:
        parser.error("--criteria must be at least 1")
    return args


def sign_in_everyone(server: Server, plan: list[Unit], concurrency: int) -> list[Browser]:
    """Officers' and heads' browsers, signed in, in the order of ``plan``."""
    clock = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        officers = list(pool.map(lambda u: sign_in(server.port, u.officer, u), plan))
        heads = list(pool.map(lambda u: sign_in(server.port, u.head, u), plan))
    print(
        f"{2 * len(plan)} people signed in in {time.perf_counter() - clock:.1f} s "
        "(not part of the figures below)"
    )
    unseen = [
        f"{unit.code} {save.code}"
        for unit, officer in zip(plan, officers, strict=True)
        for save in unit.saves
        if save.element not in officer.revisions
    ]
    if unseen:
        raise RuntimeError(
            f"the form pages show no revision for {len(unseen)} criteria "
            f"(first: {', '.join(unseen[:3])}): has the page's markup changed?"
        )
    return officers + heads


def cpu_now(server: Server) -> tuple[Any, ...]:
    # With SQLite the database works inside the workers: PostgreSQL's CPU is not theirs.
    database = None if _is_sqlite(server.environment["DATABASE_URL"]) else postgres_cpu()
    return (worker_cpu(server.process.pid), time.process_time(), machine_cpu(), database)


def deadline(
    server: Server, plan: list[Unit], browsers: list[Browser], think: float
) -> tuple[list[Sample], float, str]:
    """Every officer at once, then the heads: the samples, the wall time, the CPU used."""
    officers, heads = browsers[: len(plan)], browsers[len(plan) :]
    samples: list[Sample] = []
    start = threading.Barrier(len(plan) + 1)
    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        futures = [
            pool.submit(fill_in_and_submit, unit, officer, head, start, think, samples)
            for unit, officer, head in zip(plan, officers, heads, strict=True)
        ]
        start.wait()
        clock = time.perf_counter()
        cpu_before = cpu_now(server)
        for future in futures:
            future.result()
        wall = time.perf_counter() - clock
        cpu_after = cpu_now(server)
    return samples, wall, cpu_line(cpu_before, cpu_after, len(samples))


def report(samples: list[Sample], wall: float, cpu: str, plan: list[Unit], think: float) -> bool:
    """Print the figures and check the database; whether anything failed."""
    saves = [s.seconds for s in samples if s.kind == "save" and s.status]
    submits = [s.seconds for s in samples if s.kind == "submit" and s.status]
    expected = {"save": 200, "submit": 302}
    errors = Counter(
        (s.kind, str(s.status or "no answer")) for s in samples if s.status != expected[s.kind]
    )
    stale = [s.problem for s in samples if s.problem and s.status == expected[s.kind]]

    print(f"\nofficers: {len(plan)}, requests: {len(samples):,}, wall time: {wall:.1f} s")
    print(
        f"throughput: {len(samples) / wall:.1f} requests/s ({len(saves) / wall:.1f} saves/s)"
        + (f"; think time {think:g} s" if think else "")
    )
    print(cpu)
    print("latency (sending to the last byte of the answer):")
    print(latency_line("saves", saves))
    print(latency_line("submissions", submits))
    print(latency_line("overall", saves + submits))
    counts = [f"{kind} {status}: {n}" for (kind, status), n in sorted(errors.items())]
    if stale:
        counts.append(f"save 200 without the new revision: {len(stale)}")
    print("errors: " + (", ".join(counts) if counts else "0"))
    for problem in stale[:5]:
        print(f"  {problem}")
    for sample in [s for s in samples if s.status == 0][:5]:
        print(f"  {sample.kind}: {sample.problem}")

    missing = verify(plan)
    p95 = percentile(sorted(saves + submits), 0.95)
    print(f"\ntarget p95 < 300 ms: {'met' if p95 < TARGET_P95 else 'missed'} ({1000 * p95:.0f} ms)")
    print(f"target 0 errors: {'missed' if counts else 'met'}")
    print(f"target nothing missing: {'missed' if missing else 'met'}")
    for line in missing:
        print(f"  {line}")
    return bool(counts or missing)


def main() -> int:
    args = parse_args()
    _check_throwaway(args.database_url)
    available = max_connections(args.database_url)
    if args.workers * args.threads + 5 > available:
        sys.exit(
            f"{args.workers} workers x {args.threads} threads need more database connections "
            f"than the server allows ({available})"
        )
    environment = app_environment(args, secrets.token_urlsafe(50))

    clock = time.perf_counter()
    recreate_database(args.database_url)
    failed = True
    try:
        setup_django(environment)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
        migrated = time.perf_counter() - clock
        clock = time.perf_counter()
        plan = prepare(args.officers, args.criteria)
        connections.close_all()
        prepared = time.perf_counter() - clock
        prefilled = sum(unit.prefilled for unit in plan)
        print(
            f"database {_check_throwaway(args.database_url)}: migrated in {migrated:.1f} s, "
            f"data prepared in {prepared:.1f} s"
        )
        print(
            f"{len(plan)} units, each with an officer and a head; "
            f"{sum(len(unit.saves) for unit in plan):,} saves to send"
            + (f" ({prefilled:,} answers filled in beforehand)" if prefilled else "")
        )

        server = Server(environment, args.workers, args.threads)
        try:
            server.wait_until_answering()
            print(
                f"gunicorn on {HOST}:{server.port}: {args.workers} workers x {args.threads} "
                f"threads ({'gthread' if args.threads > 1 else 'sync'}), "
                f"DATABASE_CONN_MAX_AGE={args.conn_max_age}, "
                f"{os.cpu_count()} CPUs shared with this client"
            )
            browsers = sign_in_everyone(server, plan, args.workers * args.threads * 2)
            samples, wall, cpu = deadline(server, plan, browsers, args.think)
            if any(s.status not in (0, 200, 302) for s in samples):
                print("the end of gunicorn's log:\n" + server.tail(20))
        finally:
            server.stop()
        failed = report(samples, wall, cpu, plan, args.think)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.keep:
            print(f"database kept: {args.database_url}")
        else:
            drop_database(args.database_url)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
