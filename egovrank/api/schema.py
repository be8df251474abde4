"""How the OpenAPI schema describes the API (drf-spectacular).

- Each operation lists the errors it can answer, in the errors shape (``errors.py``):
  401 always (a token can be wrong even on a public endpoint), 403 where a role is
  needed, and whatever the view declares in ``api_errors`` (400, 404, 409…), either
  for all its methods or per method.
- Public operations (no ``allowed`` predicate) also accept no credentials at all.
- The token scheme is ``Authorization: Token <secret>``; the session works too.
- The criteria tree is recursive: its node schema is added here as a component.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import serializers

__all__ = ["AutoSchema", "ErrorSerializer", "postprocess"]


class ErrorItemSerializer(serializers.Serializer[Any]):
    path = serializers.CharField(
        help_text="The input concerned (“value”, “links.0.url”); empty for the whole request.",
        allow_blank=True,
    )
    message = serializers.CharField(
        help_text="What is wrong, for people, in the request's language."
    )
    code = serializers.CharField(
        help_text="What is wrong, for programs (“required”, “stale”, “form_locked”…)."
    )


class ErrorSerializer(serializers.Serializer[Any]):
    errors = ErrorItemSerializer(many=True)  # type: ignore[assignment]  # a declared field: DRF takes it off the class


DESCRIPTIONS = {
    400: "What was sent is refused; each error names its input.",
    401: "No valid token or session.",
    403: "The person's role does not allow this.",
    404: "Missing, or out of the person's reach (the same answer for both).",
    409: "Refused because of the object's state, or a stale revision.",
    415: "The body is not of the type the operation takes: JSON, or multipart for uploads.",
}


class AutoSchema(openapi.AutoSchema):
    def _declared_errors(self) -> dict[int, Any]:
        view = type(self.view)
        declared = getattr(view, "api_errors", ())
        if isinstance(declared, dict):
            declared = declared.get(self.method, ())
        errors: dict[int, Any] = {401: ErrorSerializer}
        if getattr(view, "allowed", None) is not None:
            errors[403] = ErrorSerializer
        if self.method in ("POST", "PUT", "PATCH"):
            errors[415] = ErrorSerializer
        special = getattr(view, "error_serializers", {})
        for status in declared:
            errors[status] = special.get(status, ErrorSerializer)
        return errors

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for status, serializer in self._declared_errors().items():
            if str(status) in responses:
                continue
            component = self.resolve_serializer(serializer, "response")
            responses[str(status)] = {
                "description": DESCRIPTIONS[status],
                "content": {"application/json": {"schema": component.ref}},
            }
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        if getattr(type(self.view), "allowed", None) is None:
            auths.append({})  # public: no credentials needed
        return auths


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # drf-spectacular's registry is untyped
    target_class = "egovrank.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A personal token, created under “API tokens” in the account "
            "area: `Token egv_…`.",
        }


class SessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # drf-spectacular's registry is untyped
    target_class = "egovrank.api.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        from django.conf import settings

        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


DECIMAL = {"type": "string", "format": "decimal", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}

CRITERIA_NODE = {
    "type": "object",
    "description": "A group, criterion or sub-criterion, in the criteria-set file format "
    "(docs/criteria-format.md); decimals are strings.",
    "properties": {
        "code": {"type": "string"},
        "name": {"type": "string"},
        "name_en": {"type": "string"},
        "max_points": DECIMAL,
        "rule": {
            "type": "object",
            "description": "The rule in the file format: `kind` and its parameters.",
            "properties": {"kind": {"type": "string"}},
            "required": ["kind"],
            "additionalProperties": True,
        },
        "allow_na": {"type": "boolean"},
        "required": {"type": "boolean"},
        "evidence": {"type": "object", "additionalProperties": True},
        "guidance": {"type": "string"},
        "status": {"type": "string"},
        "source": {"type": "string"},
        "note": {"type": "string"},
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/CriteriaNode"}},
    },
    "required": ["code", "name"],
}


DESCRIPTION = """\
The yearly evaluation and ranking of the e-government level: units, criteria-set
versions, periods, self-assessments with evidence, the review, live results and the
published snapshots.

**Signing in.** Create a personal token under *API tokens* in the account area (it is
shown once) and send it with every request: `Authorization: Token egv_…`. The token acts
with exactly its person's roles, and stops working when revoked. A signed-in browser
session works too; changes made through it need the CSRF token, as on the pages.

**Who sees what.** Every endpoint asks the same access rules and calls the same actions
as the pages: what a person may not see answers 404, exactly as what does not exist; a
role that does not open an endpoint answers 403; anonymous callers get 401. Criteria
sets and published results are public.

**Errors** have one shape, `{"errors": [{"path", "message", "code"}]}`: `path` names the
input concerned (empty for the request as a whole), `message` is for people, in the
request's language (`Accept-Language: vi` or `en`), `code` for programs. 400: what was
sent is refused; 409: the object's state refuses it, or the revision sent is stale (the
answer then carries the current one: send it back with the next change).

**Numbers** are exact: points and percentages are decimal strings (`"410.5"`), a share
is a reduced fraction (`"821/1000"`); the percentage is rounded half up to 2 places and
the level is decided on the exact share. Every point comes from the scoring core, as on
the pages.

**Lists** come a page at a time: `?page=2&page_size=100` (at most 500).
"""


def postprocess(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    result.setdefault("info", {})["description"] = DESCRIPTION
    result.setdefault("components", {}).setdefault("schemas", {})["CriteriaNode"] = CRITERIA_NODE
    return result
