"""The province's analysis of a published year: the lead agency's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egovrank.core.access import role_required
from egovrank.publication.queries import published_years

from .access import access_analysis, can_see_analysis
from .analysis import analyse
from .reform import compare_across_reform


@role_required(can_see_analysis)
def analysis(request: HttpRequest, year: int) -> HttpResponse:
    publication = access_analysis(request.user, year)
    return render(
        request,
        "insight/analysis.html",
        {
            "analysis": analyse(publication),
            "reform": compare_across_reform(publication),
            "publication": publication,
            "period": publication.period,
            "years": published_years(),
        },
    )
