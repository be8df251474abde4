"""Who may do what with criteria-set versions. Every view fetches versions through here.

Criteria sets are public, as the decision makes the form public: anyone may read every
version. Only the administrator imports, copies and edits them.
"""

from __future__ import annotations

from django.http import Http404

from egovrank.core.roles import Roles

from .models import CriteriaVersion

__all__ = ["access_version", "can_manage_criteria"]


def can_manage_criteria(roles: Roles) -> bool:
    return roles.administrator


def access_version(set_id: str) -> CriteriaVersion:
    """The version with ``set_id``; 404 if there is none."""
    try:
        return CriteriaVersion.objects.select_related(
            "copied_from", "created_by", "updated_by"
        ).get(set_id=set_id)
    except CriteriaVersion.DoesNotExist:
        raise Http404 from None
