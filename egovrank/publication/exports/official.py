"""The announcement as an official document (Decree 30/2020/NĐ-CP, ``core.documents``):
the lead agency's announcement of the year's results, with the tables per block in its
annex, a draft the agency edits and signs; and the header the public PDF opens with.

Always in Vietnamese, the language of the state's documents. What the system does not
know (the announcement's number, its day, the signer) is left as marked blanks.
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from egovrank.core.documents.agency import lead_agency, place_date, provincial_committee
from egovrank.core.documents.model import (
    BLANK,
    Annex,
    Column,
    Document,
    Header,
    Paragraph,
    Signature,
    Table,
)

from . import announcement
from .pdf import formatted_table
from .source import ExportSource

__all__ = ["announcement_document"]

_KINDS = {"points": "number", "percent": "number", "integer": "number", "text": "text"}


def _block_table(source: ExportSource, index: int) -> Table:
    table = source.tables[index]
    shown = formatted_table(source, table)
    columns = tuple(
        Column(
            column.header, "centre" if column.key == "level" else _KINDS[column.kind], column.width
        )
        for column in shown["columns"]
    )
    return Table(
        heading=table.name,
        columns=columns,
        rows=tuple(tuple(cell["text"] for cell in row["cells"]) for row in shown["rows"]),
        empty=_("No unit takes part in this block."),
    )


def _summary(source: ExportSource) -> list[Paragraph]:
    lines = []
    for table in source.tables:
        counts = "; ".join(
            f"{level.name}: {count}" for level, count in announcement.level_counts(source, table)
        )
        text = _("%(block)s: %(units)d units") % {"block": table.name, "units": len(table.rows)}
        lines.append(Paragraph(f"- {text}" + (f" ({counts})." if counts else ".")))
    return lines


def announcement_document(source: ExportSource) -> Document:
    """The lead agency's announcement of the results of ``source`` (a publication)."""
    publication = source.publication
    year = source.year
    agency = lead_agency(year)
    body: list[Paragraph | Table] = []
    if publication is not None:
        body.append(
            Paragraph(
                _(
                    "Pursuant to Decision No. %(number)s of %(date)s of the %(committee)s, "
                    "signed by %(signer)s, approving the results of the evaluation and "
                    "ranking of the e-government level in %(year)s;"
                )
                % {
                    "number": publication.decision_number,
                    "date": date_format(publication.decision_date, "SHORT_DATE_FORMAT"),
                    "committee": provincial_committee(),
                    "signer": publication.signer,
                    "year": year,
                },
                italic=True,
            )
        )
    units = sum(len(table.rows) for table in source.tables)
    body.append(
        Paragraph(
            _(
                "The %(agency)s announces the results of the evaluation and ranking of the "
                "e-government level in %(year)s of %(units)d agencies and units in %(blocks)d "
                "blocks, as in the annex to this announcement:"
            )
            % {"agency": agency, "year": year, "units": units, "blocks": len(source.tables)}
        )
    )
    body += _summary(source)
    notice = announcement.notice(source)
    if notice:
        body.append(Paragraph(notice, bold=True))
    body.append(
        Paragraph(
            _(
                "Agencies and units are asked to study their results, keep what they do well "
                "and remedy their shortcomings, to raise their e-government level in the "
                "following year."
            )
        )
    )
    return Document(
        header=Header(
            parent=provincial_committee(),
            agency=agency,
            number=_("No.: %(number)s/TB-%(symbol)s") % {"number": BLANK, "symbol": BLANK},
            place_date=place_date(None),
        ),
        title=_("ANNOUNCEMENT"),
        subject=_("Results of the evaluation and ranking of the e-government level in %(year)s")
        % {"year": year},
        body=tuple(body),
        signature=Signature(authority="", position=_("DIRECTOR"), name=BLANK),
        recipients=(
            _("- %(committee)s (to report);") % {"committee": provincial_committee()},
            _("- The agencies and units evaluated;"),
            _("- The province's web portal;"),
            _("- Archived: Office, %(blank)s.") % {"blank": BLANK},
        ),
        annexes=(
            Annex(
                title=_("Annex"),
                subtitle=_(
                    "Results of the evaluation and ranking of the e-government level in "
                    "%(year)s (attached to Announcement No. %(blank)s/TB-%(blank)s of the "
                    "%(agency)s)"
                )
                % {"year": year, "blank": BLANK, "agency": agency},
                parts=tuple(_block_table(source, index) for index in range(len(source.tables))),
                landscape=True,
            ),
        ),
    )
