"""The periods pages: the list, and one period with the administrator's forms. Each form
posts to its own view, which calls one action. (The deadline dashboard, at the period's
address, is the self-assessment's: ``assessments/dashboard_views.py``.)"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.core.roles import roles_of
from egovrank.criteria.models import CriteriaVersion
from egovrank.orgs.models import Unit

from . import actions
from .access import (
    access_participant,
    access_period,
    can_manage_periods,
    can_see_dashboard,
    can_see_period_records,
    can_see_periods,
)
from .actions import NEXT_STATES, PeriodRefused
from .choices import PeriodState
from .forms import (
    AddUnitForm,
    BlockVersionForm,
    ChangeStateForm,
    DeadlinesForm,
    ExtensionForm,
    PeriodForm,
    RankingForm,
)
from .models import Period
from .queries import participants_by_block, period_history, periods_with_counts
from .slots import still_has_time

# States in which the setup (blocks, participants), the deadlines and extensions change.
SETUP_STATES = {PeriodState.DRAFT}
DEADLINE_STATES = {PeriodState.DRAFT, PeriodState.SELF_ASSESSMENT, PeriodState.REVIEW}
EXTENSION_STATES = {PeriodState.DRAFT, PeriodState.SELF_ASSESSMENT}


@role_required(can_see_periods)
def period_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "periods/period_list.html",
        {
            "periods": periods_with_counts(),
            "can_manage": can_manage_periods(roles_of(request.user)),
        },
    )


@role_required(can_manage_periods)
def period_create(request: SignedInRequest) -> HttpResponse:
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = actions.do_create_period(
                data["year"],
                data["title"],
                actor=request.user,
                self_assessment_deadline=data["self_assessment_deadline"],
                review_deadline=data["review_deadline"],
                revision_deadline=data["revision_deadline"],
            )
        except PeriodRefused as refusal:
            form.add_error("year", str(refusal))
        else:
            messages.success(request, _("The period is created as a draft."))
            return redirect("periods:detail", year=period.year)
    status = 400 if form.is_bound else 200
    return render(request, "periods/period_form.html", {"form": form}, status=status)


@role_required(can_see_periods)
def period_detail(request: SignedInRequest, year: int) -> HttpResponse:
    return _render_detail(request, access_period(request.user, year))


def _render_detail(
    request: HttpRequest, period: Period, *, status: int = 200, **bound: Any
) -> HttpResponse:
    """The period's page; ``bound`` holds a form the administrator sent back with
    problems, shown in place of the empty one."""
    roles = roles_of(request.user)
    manage = can_manage_periods(roles)
    blocks = participants_by_block(period)
    context: dict[str, Any] = {
        "period": period,
        "states": PeriodState.choices,
        "blocks": blocks,
        "participant_count": sum(entry.count for entry in blocks),
        "can_manage": manage,
        "can_see_dashboard": can_see_dashboard(roles),
        "show_records": can_see_period_records(roles),
        "history": period_history(period)[:100] if can_see_period_records(roles) else None,
        "editable_setup": manage and period.state in SETUP_STATES,
    }
    if manage:
        context.update(_admin_forms(period, blocks, bound))
    return render(request, "periods/period_detail.html", context, status=status)


def _admin_forms(period: Period, blocks: list[Any], bound: dict[str, Any]) -> dict[str, Any]:
    forms: dict[str, Any] = {
        "opening_problems": (
            actions.opening_problems(period) if period.state == PeriodState.DRAFT else []
        ),
        "state_forms": [
            bound["state_form"]
            if "state_form" in bound and bound["state_form"].initial_state == to_state
            else ChangeStateForm(period=period, to_state=to_state)
            for to_state in NEXT_STATES[period.state]
        ],
    }
    if period.state in DEADLINE_STATES:
        forms["deadlines_form"] = bound.get("deadlines_form") or DeadlinesForm(
            initial={
                "self_assessment_deadline": period.self_assessment_deadline,
                "review_deadline": period.review_deadline,
                "revision_deadline": period.revision_deadline,
            }
        )
    if period.state in SETUP_STATES:
        versions = list(CriteriaVersion.objects.defer("source_yaml"))
        sent = bound.get("version_form")
        for entry in blocks:
            entry.version_form = (
                sent
                if sent is not None and sent.block_code == entry.block.code
                else BlockVersionForm(
                    block=entry.block,
                    versions=versions,
                    initial={"version": entry.period_block.version.set_id}
                    if entry.period_block
                    else None,
                )
            )
        forms["add_form"] = bound.get("add_form") or AddUnitForm(period=period)
    if period.state in EXTENSION_STATES:
        forms["extension_form"] = bound.get("extension_form") or ExtensionForm(period=period)
    if period.state in actions.RANKING_STATES:
        forms["ranking_form"] = bound.get("ranking_form") or RankingForm(period=period)
    return forms


def _done(request: HttpRequest, period: Period, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("periods:detail", year=period.year)


def _refused(request: HttpRequest, period: Period, refusal: PeriodRefused) -> HttpResponse:
    messages.error(request, str(refusal))
    return redirect("periods:detail", year=period.year)


@require_POST
@role_required(can_manage_periods)
def period_deadlines(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    form = DeadlinesForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, period, status=400, deadlines_form=form)
    try:
        actions.do_set_deadlines(period, actor=request.user, **form.cleaned_data)
    except PeriodRefused as refusal:
        return _refused(request, period, refusal)
    return _done(request, period, _("The deadlines are saved."))


@require_POST
@role_required(can_manage_periods)
def period_set_version(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    form = BlockVersionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, period, status=400, version_form=form)
    block = form.cleaned_data["block"]
    try:
        actions.do_set_block_version(
            period, block, form.cleaned_data["version"], actor=request.user
        )
    except PeriodRefused as refusal:
        return _refused(request, period, refusal)
    return _done(
        request, period, _("%(block)s will use the chosen version.") % {"block": block.name}
    )


@require_POST
@role_required(can_manage_periods)
def period_add_participants(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    if request.POST.get("all"):
        units = list(
            Unit.objects.valid_in(period.year)
            .filter(block__isnull=False)
            .select_related("parent")
            .order_by("code")
        )
    else:
        form = AddUnitForm(request.POST, period=period)
        if not form.is_valid():
            return _render_detail(request, period, status=400, add_form=form)
        units = [form.cleaned_data["code"]]
    try:
        added = actions.do_add_participants(period, units, actor=request.user)
    except PeriodRefused as refusal:
        return _refused(request, period, refusal)
    if not added:
        messages.info(request, _("Every one of these units takes part already."))
        return redirect("periods:detail", year=period.year)
    return _done(
        request,
        period,
        _("%(count)s unit(s) added.") % {"count": len(added)},
    )


@require_POST
@role_required(can_manage_periods)
def period_remove_participant(request: SignedInRequest, year: int, pk: int) -> HttpResponse:
    period = access_period(request.user, year)
    participant = access_participant(request.user, period, pk)
    try:
        actions.do_remove_participant(participant, actor=request.user)
    except PeriodRefused as refusal:
        return _refused(request, period, refusal)
    return _done(
        request,
        period,
        _("%(unit)s no longer takes part.") % {"unit": participant.unit_name},
    )


@require_POST
@role_required(can_manage_periods)
def period_change_state(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    form = ChangeStateForm(request.POST, period=period, to_state=request.POST.get("to_state", ""))
    if not form.is_valid():
        if "to_state" in form.errors:
            messages.error(
                request,
                _("The period cannot make this move from “%(state)s”.")
                % {"state": period.get_state_display()},
            )
        return _render_detail(request, period, status=400, state_form=form)
    to_state = form.cleaned_data["to_state"]
    if actions.closes_self_assessment(period, to_state):
        # Closing the self-assessment locks every form still open: a step of its own
        # lists the units that still have time, and cutting them off needs a reason.
        confirmed = request.POST.get("confirmed") == "yes"
        cut_off = still_has_time(period)
        reason_missing = confirmed and bool(cut_off) and not form.cleaned_data["reason"].strip()
        if not confirmed or reason_missing:
            context = {
                "period": period,
                "to_state": to_state,
                "target_label": PeriodState(to_state).label,
                "cut_off": cut_off,
                "reason": form.cleaned_data["reason"],
                "reason_missing": reason_missing,
            }
            status = 400 if reason_missing else 200
            return render(request, "periods/confirm_close.html", context, status=status)
    try:
        period = actions.do_change_state(
            period, to_state, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except PeriodRefused as refusal:
        return _refused(request, period, refusal)
    return _done(
        request,
        period,
        _("The period is now “%(state)s”.") % {"state": period.get_state_display()},
    )


@require_POST
@role_required(can_manage_periods)
def period_ranking(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    form = RankingForm(request.POST, period=period)
    if not form.is_valid():
        return _render_detail(request, period, status=400, ranking_form=form)
    participant = form.cleaned_data["participant"]
    ranked = form.cleaned_data["ranked"]
    try:
        actions.do_set_ranked(participant, ranked, form.cleaned_data["reason"], actor=request.user)
    except PeriodRefused as refusal:
        return _refused(request, period, refusal)
    message = (
        _("%(unit)s is ranked.") if ranked else _("%(unit)s is evaluated but not ranked.")
    ) % {"unit": participant.unit_name}
    return _done(request, period, message)


@require_POST
@role_required(can_manage_periods)
def period_extend(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    form = ExtensionForm(request.POST, period=period)
    if not form.is_valid():
        return _render_detail(request, period, status=400, extension_form=form)
    participant = form.cleaned_data["participant"]
    try:
        actions.do_grant_extension(
            participant,
            form.cleaned_data["until"],
            form.cleaned_data["reason"],
            actor=request.user,
        )
    except PeriodRefused as refusal:
        return _refused(request, period, refusal)
    return _done(
        request,
        period,
        _("%(unit)s has more time to self-assess.") % {"unit": participant.unit_name},
    )
