"""What the home screen shows for each field (lĩnh vực): pure Python.

Joins the catalog (names, procedures, daily limits) with the live state (waiting counts,
why a field cannot take tickets now). The server decides availability in its snapshot
(`ServiceState.unavailable`); between snapshots the kiosk also counts the tickets issued
anywhere in the centre (ticket.issued events), so a field whose daily limit another
kiosk just used up stops being offered at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from protocol import Catalog, ServiceInfo, ServiceState

SERVICE_CLOSED = "service-closed"
OUTSIDE_HOURS = "outside-hours"
DAILY_LIMIT_REACHED = "daily-limit-reached"
UNAVAILABLE_CODES = (SERVICE_CLOSED, OUTSIDE_HOURS, DAILY_LIMIT_REACHED)


@dataclass(frozen=True)
class FieldStatus:
    id: str
    name: str
    name_en: str | None
    waiting: int
    estimated_wait_s: int
    unavailable: str | None  # one of UNAVAILABLE_CODES, or None: takes tickets
    info: ServiceInfo

    @property
    def available(self) -> bool:
        return self.unavailable is None


def build_fields(
    catalog: Catalog,
    states: Mapping[str, ServiceState],
    issued_since_snapshot: Mapping[str, int] | None = None,
) -> list[FieldStatus]:
    """One `FieldStatus` per catalog service, in the catalog's order."""
    extra = issued_since_snapshot or {}
    out: list[FieldStatus] = []
    for svc in catalog.services:
        st = states.get(svc.id)
        reason = st.unavailable if st is not None else None
        if reason is None and svc.closed:
            reason = SERVICE_CLOSED
        limit = svc.daily_limit
        if reason is None and limit is not None and st is not None:
            reason = DAILY_LIMIT_REACHED if st.issued + extra.get(svc.id, 0) >= limit else None
        out.append(
            FieldStatus(
                id=svc.id,
                name=svc.name,
                name_en=svc.name_en,
                waiting=st.waiting if st is not None else 0,
                estimated_wait_s=st.estimated_wait_s if st is not None else 0,
                unavailable=reason,
                info=svc,
            )
        )
    return out
