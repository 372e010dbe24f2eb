"""What a new centre file may not do to a running hall."""

from collections import Counter
from datetime import datetime

from protocol.centre import CentreConfig
from server.domain.decide import day_turned
from server.domain.hall import LIVE, Hall


def fields_in_use(hall: Hall, new: CentreConfig, now: datetime) -> dict[str, int]:
    """The fields `new` removes (or renames) that still hold citizens today: their
    tickets would wait for a field no counter serves. {field id: live tickets}.
    Once the day has turned, day close cancels them anyway: nothing is in use."""
    if day_turned(hall, now):
        return {}
    keep = {s.id for s in new.services}
    used = Counter(
        t.service_id for t in hall.tickets.values() if t.status in LIVE and t.service_id not in keep
    )
    return dict(sorted(used.items()))
