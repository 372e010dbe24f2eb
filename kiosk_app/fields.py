"""What the home screen shows for each field (lĩnh vực): pure Python.

Joins the catalog (names, procedures) with the live state the server sends: waiting
counts, its wait estimate (`ServiceState.estimated_wait_s`) and whether the field takes
tickets now (`ServiceState.unavailable`). The kiosk keeps no copy of the rules (opening
hours, closed fields, daily limits): a refusal it did not foresee comes back as a
problem+json answer, and the kiosk then reloads the state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from protocol import Catalog, ErrorCode, ServiceInfo, ServiceState

# The refusals that mean "this field does not take tickets now" (ServiceState.unavailable).
UNAVAILABLE_CODES = (
    ErrorCode.SERVICE_CLOSED.value,
    ErrorCode.OUTSIDE_HOURS.value,
    ErrorCode.DAILY_LIMIT_REACHED.value,
)


@dataclass(frozen=True)
class FieldStatus:
    id: str
    name: str
    name_en: str | None
    waiting: int
    estimated_wait_s: int
    unavailable: str | None  # the server's reason (an ErrorCode value), or None
    info: ServiceInfo

    @property
    def available(self) -> bool:
        return self.unavailable is None


def build_fields(catalog: Catalog, states: Mapping[str, ServiceState]) -> list[FieldStatus]:
    """One `FieldStatus` per catalog service, in the catalog's order. A service the
    state does not list yet (catalog newer than the snapshot) shows what the catalog
    says of it (`ServiceInfo.closed`) until the next snapshot."""
    out: list[FieldStatus] = []
    for svc in catalog.services:
        st = states.get(svc.id)
        out.append(
            FieldStatus(
                id=svc.id,
                name=svc.name,
                name_en=svc.name_en,
                waiting=st.waiting if st is not None else 0,
                estimated_wait_s=st.estimated_wait_s if st is not None else 0,
                unavailable=(
                    st.unavailable
                    if st is not None
                    else (ErrorCode.SERVICE_CLOSED.value if svc.closed else None)
                ),
                info=svc,
            )
        )
    return out
