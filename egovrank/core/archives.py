"""Why an archive (an Excel, Word or OpenDocument file) was refused unread, in the
person's language. The checks are in ``egovrank.scoring.fileformat.archives``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from egovrank.scoring.fileformat.archives import ArchiveRefused

__all__ = ["archive_refusal"]


def archive_refusal(name: str, error: ArchiveRefused) -> str:
    """The sentence that tells the person which file was refused, and why."""
    values = {"name": name, "limit": error.limit}
    if error.reason == "members":
        return _("%(name)s is refused unread: it holds more than %(limit)s files inside.") % values
    if error.reason == "total":
        return _("%(name)s is refused unread: it would unpack to more than %(limit)s MB.") % values
    if error.reason == "ratio":
        return (
            _(
                "%(name)s is refused unread: a part of it is compressed more than %(limit)s "
                "times, as only a “zip bomb” is."
            )
            % values
        )
    if error.reason == "method":
        return (
            _(
                "%(name)s is refused unread: it is compressed in a way Excel, Word and "
                "OpenDocument files never are."
            )
            % values
        )
    if error.reason == "member":
        return (
            _("%(name)s is refused unread: a part of it is larger than such a file holds.") % values
        )
    return _("%(name)s is a damaged archive that cannot be read.") % values
