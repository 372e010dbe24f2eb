"""The centre's no-show rule: a clerk records a called citizen as absent only after
`no_show_after_recalls` recalls and `no_show_after_s` seconds since the latest call, so a
citizen on the way is not sent to the back. Supervisors may record at once."""

from datetime import datetime, timedelta

from protocol.centre import CentreConfig
from protocol.enums import TicketStatus
from protocol.snapshot import TicketPublic
from server.domain.model import Ticket


def no_show_terms(
    cfg: CentreConfig, t: Ticket | TicketPublic | None
) -> tuple[int, datetime | None]:
    """(recalls still wanted, the moment from which a clerk may record the no-show) for a
    called ticket; (0, None) for any other."""
    if t is None or t.status != TicketStatus.CALLED:
        return 0, None
    left = max(0, cfg.no_show_after_recalls - t.recall_count)
    at = t.called_at + timedelta(seconds=cfg.no_show_after_s) if t.called_at else None
    return left, at
