"""Catalog look-ups and time formats shared by the console and the rating pad.

Pure Python: names come from the centre's catalog (`protocol.Catalog`), in English where
the centre gave one (`name_en`), else in Vietnamese; codes the catalog does not know are
shown as they are, so a stale catalog never hides a ticket.
"""

from __future__ import annotations

from clientkit import i18n
from protocol import Catalog, RatingLevel


def service_name(catalog: Catalog | None, service_id: str | None) -> str:
    if not service_id:
        return ""
    for s in catalog.services if catalog else []:
        if s.id == service_id:
            return i18n.pick(s.name, s.name_en)
    return service_id


def procedure_name(catalog: Catalog | None, service_id: str, procedure_id: str | None) -> str:
    if not procedure_id:
        return ""
    for s in catalog.services if catalog else []:
        if s.id == service_id:
            for p in s.procedures:
                if p.id == procedure_id:
                    return p.name
    return procedure_id


def priority_name(catalog: Catalog | None, code: str | None) -> str:
    if not code:
        return ""
    for g in catalog.priority_groups if catalog else []:
        if g.code == code:
            return i18n.pick(g.name, g.name_en)
    return code


def rating_levels(catalog: Catalog | None) -> list[RatingLevel]:
    return list(catalog.rating_levels) if catalog else []


def clock_text(seconds: int | None) -> str:
    """A running timer: "4:05", "1:02:09"; "–" when unknown."""
    if seconds is None:
        return "–"
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def minutes_text(seconds: float | None) -> str:
    """A wait in whole minutes for lists and figures: "12 phút" / "12 min"."""
    if seconds is None:
        return "–"
    minutes = int(round(seconds / 60))
    if minutes < 1:
        return i18n.tr("counter.under_a_minute")
    return i18n.tr("counter.minutes", n=minutes)
