from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egovrank.criteria.queries import shipped_sets


def home(request: HttpRequest) -> HttpResponse:
    """The public front page: what the evaluation is and the criteria sets in force."""
    return render(request, "core/home.html", {"criteria_sets": shipped_sets()})
