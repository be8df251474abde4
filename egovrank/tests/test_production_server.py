"""The app as docs/deploy.md runs it: gunicorn, the production settings, PostgreSQL.

The environment is the shipped ``deploy/egovrank.env`` with only what belongs to this
machine replaced (the database, the host name, the folders, the secrets' files, mail),
and the commands are the guide's own: ``deploy/egovrank-manage`` for ``migrate``,
``collectstatic``, ``check --deploy`` and the demo, then ``gunicorn -c
deploy/gunicorn.conf.py egovrank.wsgi`` on loopback. Requests carry
``X-Forwarded-Proto: https`` as nginx sends it.

PostgreSQL is needed even when the suite runs on SQLite: each run creates its own
database ``egovrank_gunicorn_<random>`` on the server of ``DATABASE_URL`` (or on
127.0.0.1:5432 as ``postgres``) and drops it at the end. The several-servers test also
needs Redis on 127.0.0.1:6379 (``REDIS_URL`` to name another); its bucket is a small
S3 stand-in served by the test itself. A missing server fails these tests rather than
skipping them: skipped, they would prove nothing.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import secrets
import shlex
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_FILE = ROOT / "deploy" / "egovrank.env"
MANAGE = ROOT / "deploy" / "egovrank-manage"
GUNICORN = Path(sys.executable).with_name("gunicorn")
HOST = "127.0.0.1"
DEMO_PASSWORD = "HungYen@2749"  # noqa: S105 - the demo's, published in the README
FORM = "/assessments/2019/K01-05/"  # Sở Tài chính, a draft canbo.sotc may fill in
# Each criterion's form on the page: its save address, then its inputs.
CRITERION_FORM = re.compile(
    r'<form class="criterion__form" method="post" action="(?P<action>[^"]+)".*?</form>', re.S
)


# --- the environment --------------------------------------------------------------------


def read_env_file(path: Path) -> dict[str, str]:
    """NAME=value lines as systemd's EnvironmentFile= reads them (comments, blank lines
    and one pair of double quotes around a value)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        values[name.strip()] = value
    return values


def postgres_server_url() -> str:
    """The PostgreSQL server of the suite's DATABASE_URL, or the one on loopback."""
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}:
        return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("postgres", parts.netloc, f"/{name}", parts.query, ""))


def connect(url: str, name: str) -> Any:
    import psycopg

    try:
        return psycopg.connect(with_database(url, name), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"PostgreSQL does not answer at {urlsplit(url).hostname}:{urlsplit(url).port}: "
            f"{error}. The production-server tests need it even when the suite runs on "
            "SQLite (`.ci/run` starts it)."
        )


@dataclass
class Installation:
    """One production installation: its database, folders and environment file."""

    database_url: str
    env_file: Path
    env: dict[str, str]
    var_dir: Path

    def manage(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """``deploy/egovrank-manage ARGS``, as the guide runs it. The timeout only stops a
        hang: compressing the static files takes a minute or more on a busy machine."""
        environment = {**base_environment(), "EGOVRANK_ENV_FILE": str(self.env_file)}
        return subprocess.run(
            [str(MANAGE), *args],
            cwd="/",
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def base_environment() -> dict[str, str]:
    """What a service starts with besides its environment file: not this test process's
    variables (pytest-django's settings module, the suite's secret key, …)."""
    kept = ("PATH", "LANG", "LC_ALL", "TMPDIR", "HOME")
    return {name: os.environ[name] for name in kept if name in os.environ}


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    """A migrated database with static files collected and the demo loaded."""
    server = postgres_server_url()
    name = f"egovrank_gunicorn_{secrets.token_hex(4)}"
    with connect(server, "postgres") as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        folder = tmp_path_factory.mktemp("production")
        database_url = with_database(server, name)
        overrides = {
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": HOST,
            "VAR_DIR": str(folder / "var"),
            "EVIDENCE_ROOT": str(folder / "var" / "evidence"),
            # Nothing here may reach the province's mail server.
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
        shipped = read_env_file(ENV_FILE)
        # Each secret's file, as the operator writes it; the key long and random, as
        # `check --deploy` wants it.
        for variable in [v for v in shipped if v.endswith("_FILE")]:
            secret = folder / variable.lower()
            secret.write_text(secrets.token_urlsafe(50) + "\n", encoding="utf-8")
            overrides[variable] = str(secret)
        env_file = folder / "egovrank.env"
        # The shipped file, then this machine's lines: the last word wins, for systemd
        # and for the shell alike.
        env_file.write_text(
            ENV_FILE.read_text(encoding="utf-8")
            + "\n# this machine\n"
            + "".join(f"{k}={v}\n" for k, v in overrides.items()),
            encoding="utf-8",
        )
        ready = Installation(database_url, env_file, read_env_file(env_file), folder / "var")
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            run = ready.manage(*command)
            assert run.returncode == 0, f"{shlex.join(command)}:\n{run.stdout}\n{run.stderr}"
        run = ready.manage("seed_demo", "--demo-installation")
        assert run.returncode == 0, f"seed_demo:\n{run.stdout}\n{run.stderr}"
        yield ready
    finally:
        with connect(server, "postgres") as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- gunicorn and a browser -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn as egovrank.service starts it, on a free port of loopback."""

    def __init__(self, installation: Installation, log: Path, **extra: str) -> None:
        self.port = free_port()
        self.log = log
        command = [
            str(GUNICORN),
            "-c",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            "2",
            "egovrank.wsgi",
        ]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**base_environment(), **installation.env, **extra},
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_answering(self, timeout: float = 30) -> None:
        limit = time.monotonic() + timeout
        while time.monotonic() < limit:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.process.returncode}:\n{self.output()}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", "/", headers={"X-Forwarded-Proto": "https"})
                connection.getresponse().read()
                connection.close()
                return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"gunicorn did not answer within {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def start_server(installation: Installation, tmp_path: Path) -> Iterator[Any]:
    started: list[Server] = []

    def start(**extra: str) -> Server:
        server = Server(installation, tmp_path / f"gunicorn-{len(started)}.log", **extra)
        started.append(server)
        server.wait_until_answering()
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """Cookies, Origin and Referer as a browser sends them, through nginx: every request
    arrives with X-Forwarded-Proto: https, and the address bar reads https://."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookie_lines: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        behind_proxy: bool = True,
    ) -> Response:
        sent = {"Accept-Language": "vi", **(headers or {})}
        if behind_proxy:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            sent.setdefault("Origin", self.origin)
            sent.setdefault("Referer", self.origin + path)
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.msg, answer.read())
        finally:
            connection.close()
        for line in answer.msg.get_all("Set-Cookie") or []:
            self.set_cookie_lines.append(line)
            jar: SimpleCookie = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **options: Any) -> Response:
        return self.request("GET", path, **options)

    def post(self, path: str, fields: dict[str, Any], headers: dict[str, str] | None = None):
        body = urlencode(fields).encode()
        sent = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.request("POST", path, body, sent)

    def post_file(self, path: str, fields: dict[str, str], name: str, content: bytes):
        boundary = secrets.token_hex(12)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "HX-Request": "true",
        }
        return self.request("POST", path, body, headers)

    def sign_in(self, username: str) -> None:
        page = self.get("/account/sign-in/")
        assert page.status == 200, page.text
        answer = self.post(
            "/account/sign-in/",
            {
                "csrfmiddlewaretoken": csrf_token(page.text),
                "username": username,
                "password": DEMO_PASSWORD,
                "next": "",
            },
        )
        assert answer.status == 302, answer.text
        assert "sessionid" in self.cookies


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def yes_no_criterion(html: str) -> tuple[str, int, str]:
    """The first yes/no criterion of a form page: its save address, its revision, and
    the other answer than the one it holds now."""
    for match in CRITERION_FORM.finditer(html):
        form = match.group(0)
        if 'name="value" value="yes"' not in form:
            continue
        revision = re.search(r'name="revision" id="rev-[^"]+" value="(\d+)"', form)
        assert revision, form
        answer = "no" if 'value="yes" checked' in form else "yes"
        return match.group("action"), int(revision.group(1)), answer
    pytest.fail("the form has no yes/no criterion")


def save_answer(browser: Browser, form_page: str) -> tuple[str, str]:
    """Save one answer as the page's HTMX does; the criterion's address and the answer."""
    action, revision, answer = yes_no_criterion(form_page)
    saved = browser.post(
        action,
        {
            "csrfmiddlewaretoken": csrf_token(form_page),
            "value": answer,
            "note": "",
            "evidence_explanation": "",
            "revision": revision,
        },
        headers={"HX-Request": "true"},
    )
    assert saved.status == 200, saved.text
    assert re.search(rf'name="revision" id="rev-[^"]+" value="{revision + 1}"', saved.text)
    return action, answer


def attach_file(browser: Browser, form_page: str, save_action: str, content: bytes) -> str:
    """Attach a PNG to a criterion as the page does; the file's download address."""
    upload = browser.post_file(
        save_action.replace("/save/", "/files/"),
        {"csrfmiddlewaretoken": csrf_token(form_page)},
        "so-do.png",
        content,
    )
    assert upload.status == 200, upload.text
    download = re.findall(rf"{re.escape(FORM)}files/\d+/", upload.text)
    assert download, upload.text
    return str(download[-1])


def png() -> bytes:
    """A one-pixel PNG, made here."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# --- object storage ---------------------------------------------------------------------


class FakeS3(ThreadingHTTPServer):
    """Just enough of an S3-compatible service on loopback for django-storages: objects
    by path-style address (``/bucket/key``), PUT, HEAD, GET and DELETE, every request
    kept so a test can see what the app asked for. It checks no signature."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__((HOST, 0), FakeS3Handler)
        self.objects: dict[str, bytes] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.server_port}"


class FakeS3Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeS3

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def key(self) -> str:
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        return unquote(urlsplit(self.path).path).lstrip("/")

    def answer(self, status: int, body: bytes = b"") -> None:
        self.send_response(status)
        if status == 200:
            self.send_header("ETag", f'"{hashlib.md5(body).hexdigest()}"')  # noqa: S324
            self.send_header("Last-Modified", formatdate(usegmt=True))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_PUT(self) -> None:
        key = self.key()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if "aws-chunked" in self.headers.get("Content-Encoding", ""):
            body = dechunk(body)
        self.server.objects[key] = body
        self.answer(200)

    def do_GET(self) -> None:
        body = self.server.objects.get(self.key())
        if body is None:
            self.answer(404)
        else:
            self.answer(200, body)

    do_HEAD = do_GET

    def do_DELETE(self) -> None:
        self.server.objects.pop(self.key(), None)
        self.answer(204)


def dechunk(raw: bytes) -> bytes:
    """The payload of an ``aws-chunked`` body (size;signature CRLF data CRLF …)."""
    payload = b""
    while True:
        line, _, raw = raw.partition(b"\r\n")
        size = int(line.split(b";")[0], 16)
        if size == 0:
            return payload
        payload, raw = payload + raw[:size], raw[size + 2 :]


@pytest.fixture
def bucket() -> Iterator[FakeS3]:
    service = FakeS3()
    thread = threading.Thread(target=service.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        service.shutdown()
        service.server_close()


# --- the settings, without a server -----------------------------------------------------

SETTINGS_PROBE = """
import json
from django.conf import settings
from django.utils.module_loading import import_string

names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
         "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
         "SECURE_PROXY_SSL_HEADER", "SESSION_ENGINE", "CACHES"]
found = {name: getattr(settings, name, None) for name in names}
evidence = settings.STORAGES["evidence"]
found["evidence"] = evidence["BACKEND"]
if evidence["BACKEND"].endswith("PrivateS3Storage"):
    storage = import_string(evidence["BACKEND"])(**evidence["OPTIONS"])
    found["s3"] = {name: getattr(storage, name) for name in [
        "bucket_name", "endpoint_url", "region_name", "location", "access_key", "secret_key",
        "default_acl", "querystring_auth", "custom_domain", "file_overwrite"]}
    found["url"] = storage.url("evidence/2019/x.pdf")
print(json.dumps(found))
"""


def production_settings(**variables: str) -> subprocess.CompletedProcess[str]:
    """The settings a process started with these variables gets (DEBUG off)."""
    environment = {
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "egovrank.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_of(**variables: str) -> dict[str, Any]:
    run = production_settings(**variables)
    assert run.returncode == 0, run.stderr
    return dict(json.loads(run.stdout))


def test_https_protections_wait_for_https_to_be_set() -> None:
    plain = settings_of()
    assert plain["SESSION_COOKIE_SECURE"] is False
    assert plain["SECURE_SSL_REDIRECT"] is False
    assert plain["SECURE_HSTS_SECONDS"] == 0
    assert plain["SECURE_PROXY_SSL_HEADER"] is None

    https = settings_of(HTTPS="1", TRUST_X_FORWARDED_PROTO="1", SECURE_HSTS_SECONDS="3600")
    assert https["SESSION_COOKIE_SECURE"] is True
    assert https["CSRF_COOKIE_SECURE"] is True
    assert https["SECURE_SSL_REDIRECT"] is True
    assert https["SECURE_HSTS_SECONDS"] == 3600
    assert https["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert https["SECURE_HSTS_PRELOAD"] is True
    assert https["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_evidence_goes_to_a_private_bucket_when_told(tmp_path: Path) -> None:
    secret = tmp_path / "s3_secret"
    secret.write_text("the-secret-key\n", encoding="utf-8")
    found = settings_of(
        EVIDENCE_STORAGE="s3",
        EVIDENCE_S3_BUCKET="egovrank-evidence",
        EVIDENCE_S3_ENDPOINT_URL="https://s3.example.invalid",
        EVIDENCE_S3_PREFIX="/production/",
        EVIDENCE_S3_ACCESS_KEY_ID="the-access-key",
        EVIDENCE_S3_SECRET_ACCESS_KEY_FILE=str(secret),
    )
    assert found["evidence"] == "egovrank.assessments.storage.PrivateS3Storage"
    assert found["s3"] == {
        "bucket_name": "egovrank-evidence",
        "endpoint_url": "https://s3.example.invalid",
        "region_name": None,
        "location": "production",
        "access_key": "the-access-key",
        "secret_key": "the-secret-key",
        "default_acl": None,
        "querystring_auth": True,
        "custom_domain": None,
        "file_overwrite": False,
    }
    # Even a link asked of the storage (the app asks for none) is signed and short-lived.
    url = urlsplit(found["url"])
    assert url.netloc == "s3.example.invalid"
    assert url.path == "/egovrank-evidence/production/evidence/2019/x.pdf"
    assert "X-Amz-Signature=" in url.query
    assert "X-Amz-Expires=300" in url.query


def test_a_bucket_must_be_named() -> None:
    run = production_settings(EVIDENCE_STORAGE="s3")
    assert run.returncode != 0
    assert "EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET" in run.stderr


def test_redis_holds_the_cache_and_the_sessions_when_given(tmp_path: Path) -> None:
    url = tmp_path / "redis_url"
    url.write_text("redis://:pass@10.0.0.30:6379/2\n", encoding="utf-8")
    found = settings_of(REDIS_URL_FILE=str(url))
    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["CACHES"]["default"]["LOCATION"] == "redis://:pass@10.0.0.30:6379/2"
    assert found["CACHES"]["default"]["KEY_PREFIX"] == "egovrank"
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"

    alone = settings_of()
    assert alone["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert alone["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_sessions_in_a_cache_need_redis() -> None:
    run = production_settings(SESSION_STORE="cache")
    assert run.returncode != 0
    assert "SESSION_STORE=cache needs REDIS_URL" in run.stderr


def test_the_shipped_environment_file_is_documented() -> None:
    guide = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    text = ENV_FILE.read_text(encoding="utf-8")
    # Commented-out lines too: they are the several-servers settings.
    named = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", text, re.M))
    assert {"DEBUG", "SECRET_KEY_FILE", "HTTPS", "REDIS_URL_FILE"} <= named
    undocumented = [
        name
        for name in sorted(named)
        if f"`{name}`" not in guide and f"`{name.removesuffix('_FILE')}`" not in guide
    ]
    assert undocumented == []


def test_nginx_takes_uploads_as_large_as_the_app() -> None:
    largest = int(read_env_file(ENV_FILE)["EVIDENCE_MAX_MEGABYTES"])
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert re.findall(r"client_max_body_size (\d+)m;", nginx) == [str(largest + 1)]


# --- the server -------------------------------------------------------------------------


def test_check_deploy_reports_nothing(installation: Installation) -> None:
    run = installation.manage("check", "--deploy", "--fail-level", "WARNING")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "System check identified no issues (0 silenced).", run.stdout
    assert run.stderr == ""


def test_it_serves_sign_in_a_form_save_evidence_public_pages_and_static_files(
    installation: Installation, start_server: Any
) -> None:
    server = start_server()
    browser = Browser(server.port)

    # Plain http:// (not through nginx) is sent to https://.
    plain = browser.get("/", behind_proxy=False)
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://{HOST}:{server.port}/"

    # Public pages, with the security headers check --deploy asks for.
    home = browser.get("/")
    assert home.status == 200, home.text
    assert home.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert home.headers["X-Content-Type-Options"] == "nosniff"
    assert home.headers["X-Frame-Options"] == "DENY"
    assert home.headers["Referrer-Policy"] == "same-origin"
    criteria = browser.get("/criteria/")
    assert criteria.status == 200
    assert "hungyen-2018-khoi01" in criteria.text

    # A collected static file, by its hashed name, compressed and cached for good.
    stylesheet = re.search(r'href="(/static/egovrank/css/app\.[0-9a-f]{12}\.css)"', home.text)
    assert stylesheet, "the home page does not link the hashed stylesheet"
    css = browser.get(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert css.status == 200
    assert css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"]
    assert zlib.decompress(css.body, 16 + zlib.MAX_WBITS)

    # Sign in as the demo officer; the cookies are for https only.
    browser.sign_in("canbo.sotc")
    session_cookie = next(c for c in browser.set_cookie_lines if c.startswith("sessionid="))
    assert "Secure" in session_cookie
    assert "HttpOnly" in session_cookie

    # Save one answer, and find it saved when the page is opened again.
    form = browser.get(FORM)
    assert form.status == 200, form.text
    action, answer = save_answer(browser, form.text)
    again = browser.get(FORM)
    saved = next(m.group(0) for m in CRITERION_FORM.finditer(again.text) if m["action"] == action)
    assert f'value="{answer}" checked' in saved

    # Attach a file and read it back through the access-checked download.
    content = png()
    download = attach_file(browser, again.text, action, content)
    got = browser.get(download)
    assert got.status == 200
    assert got.body == content
    # On disk under EVIDENCE_ROOT, by a random name.
    stored = [path.read_bytes() for path in (installation.var_dir / "evidence").rglob("*.png")]
    assert content in stored
    # Signed out, the same address gives nothing.
    assert Browser(server.port).get(download).status in {302, 404}

    # A monitor's HEAD request leaves the log quiet; nothing above logged a problem.
    assert browser.request("HEAD", "/").status == 200
    assert "ERROR" not in server.output(), server.output()
    assert "WARNING" not in server.output(), server.output()


def test_several_app_servers_share_sessions_through_redis_and_files_through_a_bucket(
    installation: Installation, start_server: Any, bucket: FakeS3
) -> None:
    import redis

    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"egovrank-test-{secrets.token_hex(4)}"
    store = redis.Redis.from_url(redis_url, socket_connect_timeout=5)
    try:
        store.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis does not answer at {redis_url}: {error}")
    shared = {
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "SESSION_STORE": "cache",
        "EVIDENCE_STORAGE": "s3",
        "EVIDENCE_S3_BUCKET": "egovrank-evidence",
        "EVIDENCE_S3_ENDPOINT_URL": bucket.endpoint,
        "EVIDENCE_S3_PREFIX": "production",
        "EVIDENCE_S3_ACCESS_KEY_ID": "the-access-key",
        "EVIDENCE_S3_SECRET_ACCESS_KEY": "the-secret-key",
    }
    try:
        first = start_server(**shared)
        second = start_server(**shared)
        browser = Browser(first.port)
        browser.sign_in("canbo.sotc")
        # The session lives in Redis alone, so the other server knows the person too.
        assert store.keys(f"{prefix}:*")
        database = urlsplit(installation.database_url).path.lstrip("/")
        with connect(installation.database_url, database) as connection:
            rows = connection.execute(
                "SELECT count(*) FROM django_session WHERE session_key = %s",
                [browser.cookies["sessionid"]],
            )
            assert rows.fetchone() == (0,)
        form = browser.get(FORM)
        action, _answer = save_answer(browser, form.text)

        # A file attached through the first server lands in the bucket, unsigned links
        # and ACLs never asked for, and the second server reads it from there.
        content = png()
        download = attach_file(browser, form.text, action, content)
        (key,) = [k for k in bucket.objects if k.endswith(".png")]
        assert key.startswith("egovrank-evidence/production/evidence/2019/")
        assert bucket.objects[key] == content
        browser.port = second.port
        got = browser.get(download)
        assert got.status == 200, got.text
        assert got.body == content
        assert all("Authorization" in headers for _, _, headers in bucket.requests)
        assert not any("x-amz-acl" in map(str.lower, headers) for _, _, headers in bucket.requests)
        assert ("GET", f"/{key}") in [(method, path) for method, path, _ in bucket.requests]

        # And a form saved there is the same form.
        form = browser.get(FORM)
        assert form.status == 200, form.text
        save_answer(browser, form.text)
    finally:
        keys = store.keys(f"{prefix}:*")
        if keys:
            store.delete(*keys)
        store.close()
