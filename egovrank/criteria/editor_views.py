"""Editing a stored version in the app: its tree, nodes, details and levels.

Every edit is an operation on the set's document (``documents.py``) saved by
``actions.do_edit_version``, so the file format's checks apply; frozen versions and
stale edits are refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.core.said import said
from egovrank.scoring.fileformat.build import document_of
from egovrank.scoring.fileformat.problems import Problem

from .access import access_version, can_manage_criteria
from .actions import (
    FrozenVersion,
    InvalidEdit,
    StaleVersion,
    VersionRefused,
    do_edit_version,
)
from .documents import (
    AddNode,
    ChangeLevels,
    ChangeMeta,
    ChangeNode,
    DeleteNode,
    Edit,
    MoveNode,
    ReparentNode,
    find_node,
    node_path,
)
from .forms import (
    GroupForm,
    LevelForm,
    LevelFormSet,
    MetaForm,
    NodeForm,
    ReparentForm,
    RevisionForm,
    StepForm,
    number_text,
)
from .models import CriteriaVersion
from .queries import edit_rows, place_choices
from .versions import criteria_set_of, is_frozen
from .views import form_data, page_locale

Path = tuple[str | int, ...]


@dataclass
class Refusal:
    """Why an edit was not saved, for the page that made it."""

    status: int
    message: str
    problems: list[Problem] = field(default_factory=list)


def _frozen(request: HttpRequest, version: CriteriaVersion) -> HttpResponse:
    return render(
        request,
        "criteria/frozen.html",
        {"version": version, "message": str(FrozenVersion(version))},
        status=409,
    )


EditView = Callable[..., HttpResponse]


def _editable_version(view: EditView) -> EditView:
    """Hand the view the version named in the URL; a frozen one is refused (409) before
    the view runs, on GET as on POST."""

    @wraps(view)
    def guarded(request: HttpRequest, set_id: str, **kwargs: Any) -> HttpResponse:
        version = access_version(set_id)
        if is_frozen(version):
            return _frozen(request, version)
        return view(request, version, **kwargs)

    return guarded


def _node_in(document: dict[str, Any], code: str) -> tuple[list[Any], int]:
    """Where the node ``code`` sits in the document (its siblings and index), or 404."""
    try:
        return find_node(document, code)
    except ValueError:
        raise Http404 from None


def _save(
    request: SignedInRequest,
    version: CriteriaVersion,
    edit: Edit,
    revision: int,
    placed: list[tuple[Any, Path]] | None = None,
) -> Refusal | None:
    """Make the edit; on refusal, say why. A problem of the file format at a field of
    one of the ``placed`` forms (each with the document path its fields sit under) is
    shown at that field; the rest are listed."""
    try:
        do_edit_version(version, edit, actor=request.user, revision=revision)
    except InvalidEdit as error:
        rest = []
        for problem in error.problems:
            path = error.places.get(problem.where, ())
            if not _place(problem, path, placed or []):
                rest.append(problem)
        return Refusal(400, str(error), rest)
    except (FrozenVersion, StaleVersion) as error:
        return Refusal(409, str(error))
    except VersionRefused as error:
        return Refusal(400, str(error))
    messages.success(request, _("Saved. %(summary)s") % {"summary": _edit_words(edit)})
    return None


def _place(problem: Problem, path: Path, placed: list[tuple[Any, Path]]) -> bool:
    # The longest matching prefix wins: a group's first criterion sits under the group.
    for form, prefix in sorted(placed, key=lambda item: -len(item[1])):
        if path[: len(prefix)] != prefix:
            continue
        name = form.field_for(path[len(prefix) :])
        if name is None or name not in form.fields:
            return False
        form.add_error(name, said(problem.message))
        return True
    return False


def _edit_words(edit: Edit) -> str:
    """The edit in the reader's language, for the success message."""
    code = getattr(edit, "code", "")
    if isinstance(edit, ChangeNode):
        return _("%(code)s is changed.") % {"code": edit.focus}
    if isinstance(edit, AddNode):
        return _("%(code)s is added.") % {"code": edit.focus}
    if isinstance(edit, MoveNode | ReparentNode):
        return _("%(code)s is moved.") % {"code": code}
    if isinstance(edit, DeleteNode):
        return _("%(code)s is deleted.") % {"code": code}
    if isinstance(edit, ChangeLevels):
        return _("The levels are changed.")
    return _("The description of the set is changed.")


def _document(version: CriteriaVersion) -> dict[str, Any]:
    return document_of(criteria_set_of(version))


def _back_to_tree(version: CriteriaVersion, code: str | None = None) -> HttpResponse:
    url = reverse("criteria:edit", kwargs={"set_id": version.set_id})
    return redirect(f"{url}#node-{code}" if code else url)


@role_required(can_manage_criteria)
@_editable_version
def edit(request: SignedInRequest, version: CriteriaVersion) -> HttpResponse:
    criteria_set = criteria_set_of(version)
    return render(
        request,
        "criteria/edit.html",
        {
            "version": version,
            "cs": criteria_set,
            "rows": edit_rows(criteria_set, page_locale()),
            "years": sorted(
                {b.period.year for b in version.period_blocks.select_related("period")}
            ),
        },
    )


def _choosing_kind(request: HttpRequest) -> bool:
    """Whether the post only asks for the chosen rule kind's fields (the step that
    works without JavaScript): nothing is checked or saved."""
    return request.method == "POST" and "choose_kind" in request.POST


def _as_posted(form: Any) -> Any:
    """The form showing what was posted, unchecked: the kind step shows no errors."""
    values = {
        name: form.data.get(form.add_prefix(name))
        for name in form.fields
        if form.add_prefix(name) in form.data
    }
    return type(form)(prefix=form.prefix, initial={**form.initial, **values})


def _node_page(
    request: HttpRequest,
    version: CriteriaVersion,
    template_context: dict[str, Any],
    refusal: Refusal | None,
) -> HttpResponse:
    context = {"version": version, "refusal": refusal, **template_context}
    status = refusal.status if refusal else 200
    if _choosing_kind(request):
        context["form"] = _as_posted(context["form"])
        if context.get("group_form") is not None:
            context["group_form"] = _as_posted(context["group_form"])
        status = 200
    elif request.method == "POST" and refusal is None:
        status = 400  # a form that did not validate
    template = "criteria/edit_node.html"
    if _choosing_kind(request) and request.headers.get("HX-Request") == "true":
        template = "criteria/_rule_fields.html"  # HTMX swaps the rule's fields only
    return render(request, template, context, status=status)


@role_required(can_manage_criteria)
@_editable_version
def edit_node(request: SignedInRequest, version: CriteriaVersion, code: str) -> HttpResponse:
    document = _document(version)
    siblings, index = _node_in(document, code)
    node = siblings[index]
    form = NodeForm(form_data(request), initial=NodeForm.initial_of(node, version.revision))
    parent = _parent_of(document, code)
    if parent is None or parent.get("max_points") is None:
        del form.fields["parent_max_points"]
    else:
        form.fields["parent_max_points"].initial = number_text(parent["max_points"])
        form.fields["parent_max_points"].help_text = _(
            "%(code)s's maximum. Change it here too to lower or raise this criterion and "
            "its group in one save."
        ) % {"code": parent.get("code")}
    refusal = None
    if request.method == "POST" and not _choosing_kind(request) and form.is_valid():
        values, evidence = form.node_values()
        parent_max = form.cleaned_data.get("parent_max_points")
        change = ChangeNode(code, values, evidence, parent_max=parent_max)
        new_code = change.focus or code
        refusal = _save(
            request,
            version,
            change,
            form.cleaned_data["revision"],
            [(form, _path_after(document, code))],
        )
        if refusal is None:
            return _back_to_tree(version, new_code)
    return _node_page(
        request,
        version,
        {"form": form, "node": node, "is_group": "children" in node, "mode": "edit"},
        refusal,
    )


def _parent_of(document: dict[str, Any], code: str) -> dict[str, Any] | None:
    """The group holding the node with ``code`` (None at the top level)."""
    path = node_path(document, code) or ()
    if len(path) < 4:
        return None
    parent: Any = document
    for step in path[:-2]:
        parent = parent[step]
    return dict(parent)


def _path_after(document: dict[str, Any], code: str) -> Path:
    """Where the node with ``code`` sits; an edit of its fields does not move it."""
    return node_path(document, code) or ()


@role_required(can_manage_criteria)
@_editable_version
def add_node(request: SignedInRequest, version: CriteriaVersion, code: str) -> HttpResponse:
    document = _document(version)
    siblings, index = _node_in(document, code)
    parent = siblings[index]
    form = NodeForm(form_data(request), initial={"revision": version.revision})
    refusal = None
    if request.method == "POST" and not _choosing_kind(request) and form.is_valid():
        parent_path = node_path(document, code) or ()
        position = len(parent.get("children", []))
        refusal = _save(
            request,
            version,
            AddNode(code, form.new_node()),
            form.cleaned_data["revision"],
            [(form, (*parent_path, "children", position))],
        )
        if refusal is None:
            return _back_to_tree(version, form.cleaned_data["code"].strip())
    return _node_page(
        request,
        version,
        {"form": form, "parent": parent, "parent_has_rule": "rule" in parent, "mode": "add"},
        refusal,
    )


@role_required(can_manage_criteria)
@_editable_version
def add_group(request: SignedInRequest, version: CriteriaVersion) -> HttpResponse:
    document = _document(version)
    data = form_data(request)
    group_form = GroupForm(data, prefix="group")
    form = NodeForm(data, prefix="first", initial={"revision": version.revision})
    refusal = None
    if (
        request.method == "POST"
        and not _choosing_kind(request)
        and group_form.is_valid()
        and form.is_valid()
    ):
        group_path: Path = ("nodes", len(document["nodes"]))
        refusal = _save(
            request,
            version,
            AddNode(None, group_form.new_group(form.new_node())),
            form.cleaned_data["revision"],
            [(group_form, group_path), (form, (*group_path, "children", 0))],
        )
        if refusal is None:
            return _back_to_tree(version, group_form.cleaned_data["code"].strip())
    return _node_page(
        request, version, {"form": form, "group_form": group_form, "mode": "group"}, refusal
    )


@role_required(can_manage_criteria)
@_editable_version
def move_node(request: SignedInRequest, version: CriteriaVersion, code: str) -> HttpResponse:
    criteria_set = criteria_set_of(version)
    node = criteria_set.get(code)
    if node is None:
        raise Http404
    choices = place_choices(criteria_set, code)
    refusal = None
    if request.method == "POST" and "direction" in request.POST:
        step = StepForm(request.POST)
        if not step.is_valid():
            refusal = Refusal(400, _("The move was not understood; reload the page."))
        else:
            offset = -1 if step.cleaned_data["direction"] == "up" else 1
            refusal = _save(request, version, MoveNode(code, offset), step.cleaned_data["revision"])
            if refusal is None:
                return _back_to_tree(version, code)
        form = ReparentForm(initial={"revision": version.revision}, choices=choices)
    else:
        form = ReparentForm(
            form_data(request), initial={"revision": version.revision}, choices=choices
        )
        if request.method == "POST" and form.is_valid():
            parent = form.cleaned_data["parent"] or None
            refusal = _save(
                request, version, ReparentNode(code, parent), form.cleaned_data["revision"]
            )
            if refusal is None:
                return _back_to_tree(version, code)
    status = refusal.status if refusal else (400 if request.method == "POST" else 200)
    return render(
        request,
        "criteria/move_node.html",
        {"version": version, "node": node, "form": form, "refusal": refusal},
        status=status,
    )


@role_required(can_manage_criteria)
@_editable_version
def delete_node(request: SignedInRequest, version: CriteriaVersion, code: str) -> HttpResponse:
    node = criteria_set_of(version).get(code)
    if node is None:
        raise Http404
    confirm = RevisionForm(form_data(request), initial={"revision": version.revision})
    refusal = None
    if request.method == "POST" and confirm.is_valid():
        refusal = _save(request, version, DeleteNode(code), confirm.cleaned_data["revision"])
        if refusal is None:
            return _back_to_tree(version)
    status = refusal.status if refusal else (400 if request.method == "POST" else 200)
    return render(
        request,
        "criteria/delete_node.html",
        {
            "version": version,
            "node": node,
            "descendants": sum(1 for _ in node.walk()) - 1,
            "form": confirm,
            "refusal": refusal,
        },
        status=status,
    )


@role_required(can_manage_criteria)
@_editable_version
def edit_meta(request: SignedInRequest, version: CriteriaVersion) -> HttpResponse:
    document = _document(version)
    form = MetaForm(form_data(request), initial=MetaForm.initial_of(document, version.revision))
    refusal = None
    if request.method == "POST" and form.is_valid():
        refusal = _save(
            request,
            version,
            ChangeMeta(form.meta_values()),
            form.cleaned_data["revision"],
            [(form, ())],
        )
        if refusal is None:
            return redirect("criteria:edit", set_id=version.set_id)
    status = refusal.status if refusal else (400 if request.method == "POST" else 200)
    return render(
        request,
        "criteria/edit_meta.html",
        {"version": version, "form": form, "refusal": refusal},
        status=status,
    )


@role_required(can_manage_criteria)
@_editable_version
def edit_levels(request: SignedInRequest, version: CriteriaVersion) -> HttpResponse:
    document = _document(version)
    data = form_data(request)
    revision_form = RevisionForm(data, initial={"revision": version.revision})
    formset = LevelFormSet(
        data, initial=[LevelForm.initial_of(level) for level in document["levels"]]
    )
    refusal = None
    if request.method == "POST" and revision_form.is_valid() and formset.is_valid():
        # Blank extra rows and rows marked for deletion are left out.
        kept = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        refusal = _save(
            request,
            version,
            ChangeLevels([form.level() for form in kept]),
            revision_form.cleaned_data["revision"],
            [(form, ("levels", index)) for index, form in enumerate(kept)],
        )
        if refusal is None:
            return redirect("criteria:edit", set_id=version.set_id)
    status = refusal.status if refusal else (400 if request.method == "POST" else 200)
    return render(
        request,
        "criteria/edit_levels.html",
        {
            "version": version,
            "formset": formset,
            "revision_form": revision_form,
            "refusal": refusal,
        },
        status=status,
    )
