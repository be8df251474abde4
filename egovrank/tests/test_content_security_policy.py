"""Every HTML page carries a Content-Security-Policy that lets only the app's own files
run (no inline script, no inline event handler, no eval, no inline style), and the pages
need nothing more. The permission matrix scans every page it opens, as every persona
(``test_permission_matrix.test_matrix``); here the pages it does not open: Django's admin
as an operator, the API documentation, the error pages and the sign-in page. A browser
test checks that HTMX still works under the policy
(``assessments/tests/test_browser_content_security_policy.py``)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.testing.csp import is_html_page, policy_problems

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world]


def test_the_admin_the_api_documentation_and_the_error_pages_run_under_the_policy(world):
    operator = world.administrator
    operator.is_staff = operator.is_superuser = True
    operator.save()
    client = Client()
    client.force_login(operator)
    unit = world.units["sotc"]
    pages = {
        "/admin/": 200,
        "/admin/orgs/unit/": 200,
        f"/admin/orgs/unit/{unit.pk}/change/": 200,
        "/admin/accounts/user/add/": 200,
        "/admin/core/auditevent/": 200,
        "/api/docs/": 200,
        "/no-such-page/": 404,
    }
    for path, status in pages.items():
        response = client.get(path)
        assert (path, response.status_code) == (path, status)
        assert is_html_page(response), path
        assert policy_problems(response) == [], path
    forbidden = Client()
    forbidden.force_login(world.unit_officer)
    response = forbidden.get(reverse("people:list"))
    assert response.status_code == 403
    assert policy_problems(response) == []
    assert policy_problems(Client().get(reverse("accounts:sign_in"))) == []


def test_the_api_documentations_script_is_a_file_the_app_serves():
    response = Client().get("/api/docs/?script=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


def test_the_scan_finds_what_the_policy_would_block():
    class Page(dict):
        def __init__(self, html: str) -> None:
            super().__init__({"Content-Security-Policy": "default-src 'self'"})
            self.content = html.encode()

    html = (
        '<script>alert(1)</script><script type="application/json">{}</script>'
        '<script src="/static/x.js"></script><a href="javascript:go()">x</a>'
        '<button onclick="go()">x</button><p style="color: red">x</p><style>p{}</style>'
        "<form hx-trigger=\"input[event.target.type === 'text']\"></form>"
        '<div hx-on:click="go()"></div>'
    )
    found = policy_problems(Page(html))
    assert len(found) == 7, found
    assert policy_problems(Page('<script src="/static/x.js"></script><p>x</p>')) == []
