"""Every persona × every URL of the app × own unit / another unit / another district.

The cases live beside each app (``<app>/tests/matrix_cases.py``) and are gathered here.
``test_every_url_has_an_entry`` fails when a URL is added without one, so a new page
cannot ship without deciding who may open it. The vocabulary is in ``testing/matrix.py``.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from egovrank.core.roles import Role
from egovrank.testing.csp import is_html_page, policy_problems
from egovrank.testing.language import language_problems
from egovrank.testing.matrix import (
    ADMINISTRATOR,
    ADMINISTRATOR_POST,
    NOT_FOR_ROLES_404,
    POST_ONLY,
    PUBLIC,
    SIGNED_IN,
    WITH_A_ROLE,
    Case,
    expect,
    officer_role,
    person,
    seen_by,
    unit,
)
from egovrank.testing.world import PERSONAS, World

CORE_CASES: list[Case] = [
    # Public pages.
    Case("front:home", PUBLIC),
    Case("set_language", expect(302), method="post", data=lambda w: {"language": "en"}),
    Case("front:language", expect(302), "en", kwargs=lambda w: {"code": "en"}),
    Case("front:language", expect(404), "unknown", kwargs=lambda w: {"code": "xx"}),
    Case("front:language", expect(405), "post", kwargs=lambda w: {"code": "en"}, method="post"),
    # Signing in and passwords.
    Case("accounts:sign_in", expect(302, anonymous=200)),
    Case("accounts:sign_out", POST_ONLY),
    Case("accounts:sign_out", expect(302), method="post"),
    Case("accounts:password_change", SIGNED_IN),
    Case("accounts:password_change_done", SIGNED_IN),
    Case("accounts:password_reset", PUBLIC),
    Case("accounts:password_reset_done", PUBLIC),
    Case(
        "accounts:password_reset_confirm",
        PUBLIC,
        "bad link",
        lambda w: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    Case("accounts:password_reset_complete", PUBLIC),
    # The workspace.
    Case("front:workspace", SIGNED_IN),
    # Units: the list and exports show each persona its own share.
    Case("orgs:list", WITH_A_ROLE),
    Case("orgs:export", WITH_A_ROLE, "csv", lambda w: {"fmt": "csv"}),
    Case("orgs:export", WITH_A_ROLE, "xlsx", lambda w: {"fmt": "xlsx"}),
    Case("orgs:export", NOT_FOR_ROLES_404, "pdf", lambda w: {"fmt": "pdf"}),
    Case(
        "orgs:detail",
        seen_by("administrator", "provincial_reviewer", "unit_officer", "unit_head"),
        "own department",
        unit("sotc"),
    ),
    Case(
        "orgs:detail",
        seen_by("administrator", "provincial_reviewer"),
        "another department",
        unit("soxd"),
    ),
    Case(
        "orgs:detail",
        seen_by("administrator", "provincial_reviewer", "district_reviewer"),
        "own district",
        unit("vanlam"),
    ),
    Case(
        "orgs:detail",
        seen_by("administrator", "provincial_reviewer", "district_reviewer", "commune_officer"),
        "own commune",
        unit("lacdao"),
    ),
    Case(
        "orgs:detail",
        seen_by("administrator", "provincial_reviewer", "district_reviewer"),
        "another commune of the district",
        unit("chidao"),
    ),
    Case(
        "orgs:detail",
        seen_by("administrator", "provincial_reviewer"),
        "another district",
        unit("vangiang"),
    ),
    Case(
        "orgs:detail",
        seen_by("administrator", "provincial_reviewer"),
        "commune of another district",
        unit("xuanquan"),
    ),
    Case("orgs:detail", NOT_FOR_ROLES_404, "missing", lambda w: {"code": "no-such-unit"}),
    Case("orgs:add_successor", POST_ONLY, "own department", unit("sotc")),
    Case(
        "orgs:add_successor",
        ADMINISTRATOR_POST,
        "a department",
        unit("sotc"),
        method="post",
        data=lambda w: {"successor": "K01-09", "kind": "merged", "year": 2025},
    ),
    Case(
        "orgs:add_successor",
        expect(403, anonymous=302, administrator=404),
        "missing",
        lambda w: {"code": "no-such-unit"},
        method="post",
    ),
    Case("orgs:import", ADMINISTRATOR),
    Case(
        "orgs:import",
        expect(403, anonymous=302, administrator=200),
        "no file",
        method="post",
    ),
    # People: the administrator's pages.
    Case("people:list", ADMINISTRATOR),
    Case("people:create", ADMINISTRATOR),
    Case(
        "people:create",
        ADMINISTRATOR_POST,
        "new officer",
        method="post",
        data=lambda w: {
            "username": "new.officer",
            "full_name": "Cán bộ mới",
            "email": "new.officer@example.org",
            "unit": w.units["soxd"].pk,
            "is_active": "on",
        },
    ),
    Case("people:detail", ADMINISTRATOR, "a unit officer", person("unit_officer")),
    Case(
        "people:detail",
        expect(403, anonymous=302, administrator=404),
        "missing",
        lambda w: {"pk": 999_999},
    ),
    Case("people:role_grant", POST_ONLY, "a unit officer", person("unit_officer")),
    Case(
        "people:role_grant",
        ADMINISTRATOR_POST,
        "a unit officer",
        person("unit_officer"),
        method="post",
        data=lambda w: {"role": Role.UNIT_HEAD, "unit": w.units["sotc"].pk},
    ),
    Case("people:role_revoke", POST_ONLY, "the officer's role", officer_role),
    Case("people:role_revoke", ADMINISTRATOR_POST, "the officer's role", officer_role, "post"),
    Case("people:unlock", POST_ONLY, "a unit officer", person("unit_officer")),
    Case("people:unlock", ADMINISTRATOR_POST, "a unit officer", person("unit_officer"), "post"),
    Case("people:send_link", POST_ONLY, "a unit officer", person("unit_officer")),
    Case("people:send_link", ADMINISTRATOR_POST, "a unit officer", person("unit_officer"), "post"),
    # Django's admin is for operators (is_staff), none of the personas.
    Case("admin:index", expect(302)),
    Case("admin:orgs_unit_changelist", expect(302)),
    Case("admin:accounts_user_changelist", expect(302)),
    Case("admin:core_auditevent_changelist", expect(302)),
]


def app_cases() -> list[Case]:
    """``CASES`` of every project app that has a ``tests/matrix_cases.py``."""
    cases: list[Case] = []
    for app in settings.INSTALLED_APPS:
        if not app.startswith("egovrank."):
            continue
        try:
            module = importlib.import_module(f"{app}.tests.matrix_cases")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tests.matrix_cases":
                raise
            continue
        cases.extend(module.CASES)
    return cases


MATRIX: list[Case] = CORE_CASES + app_cases()

# Django's admin site has many URLs of its own; the cases above stand for all of them,
# since the admin checks is_staff once for the whole site.
COVERED_NAMESPACES = {"admin"}


def all_url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= all_url_names(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{prefix}{entry.name}")
    return names


def test_every_url_has_an_entry() -> None:
    covered = {case.url_name for case in MATRIX}
    missing = {
        name
        for name in all_url_names()
        if name not in covered and name.split(":")[0] not in COVERED_NAMESPACES
    }
    assert not missing, f"URLs with no entry in the permission matrix: {sorted(missing)}"


def test_every_case_names_every_persona() -> None:
    for case in MATRIX:
        assert set(case.expected) == set(PERSONAS), case.id


pytestmark = pytest.mark.shared_world


def client_for(persona: str, world: World) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world.people[persona])
    return client


# The API's uploads take multipart; its other bodies are JSON (docs/api.md).
API_UPLOADS = {"api:files", "api:figures"}


def send(client: Client, case: Case, url: str, data: dict[str, Any]) -> Any:
    """The request as its caller sends it: JSON to the API, multipart to its uploads,
    forms to the pages."""
    api_body = case.url_name.startswith("api:") and case.method in ("post", "put", "patch")
    if api_body and case.url_name not in API_UPLOADS:
        body = json.dumps(data)
        return getattr(client, case.method)(url, body, content_type="application/json")
    return getattr(client, case.method)(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", MATRIX, ids=lambda case: case.id)
def test_matrix(case: Case, persona: str, world: World) -> None:
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    client = client_for(persona, world)
    response = send(client, case, url, case.data(world))
    assert response.status_code == case.expected[persona], (
        f"{persona} {case.id} {url}: got {response.status_code}, expected {case.expected[persona]}"
    )
    if response.status_code == 200 and is_html_page(response):
        # Every page runs under the Content-Security-Policy (core/csp.py).
        assert policy_problems(response) == [], f"{persona} {case.id} {url}"
        # Every page speaks Vietnamese (the default language) throughout.
        names = frozenset(person.get_full_name() for person in world.people.values())
        problems = language_problems(response, data=names)
        assert problems == [], f"{persona} {case.id} {url}: {problems}"
    if persona == "anonymous" and response.status_code == 302 and case.expected is not PUBLIC:
        if not case.url_name.startswith(
            ("admin:", "set_language", "front:language", "accounts:sign_out")
        ):
            assert response["Location"].startswith(reverse("accounts:sign_in"))
