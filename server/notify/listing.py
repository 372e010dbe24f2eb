"""The supervisors' list of a day's messages: each with its delivery (queued, sent,
failed), its tries and last error, the phone masked."""

from collections import Counter
from datetime import date

from protocol.notify import NotificationPage, NotificationPublic, NotifyStatus
from server.notify import outbox
from server.store.context import Context
from server.store.convert import aware


def day_page(ctx: Context, site: str, day: date | None) -> NotificationPage:
    if day is None:
        with ctx.halls.read(site) as hall:
            day = hall.day
    with ctx.db.reader.connect() as conn:
        rows = outbox.of_day(conn, site, day)
    items = [
        NotificationPublic(
            id=r.id,
            ticket_id=r.ticket_id,
            number=r.number,
            service_id=r.service_id,
            kind=r.kind,
            channel=r.channel,
            status=r.status,
            tries=r.tries,
            last_error=r.last_error,
            to=r.to_masked,
            text=r.text,
            created_at=aware(r.created_at),
            sent_at=aware(r.sent_at),
            next_at=aware(r.next_at) if r.status == NotifyStatus.QUEUED else None,
        )  # fmt: skip
        for r in rows
    ]
    counts = Counter(i.status for i in items)
    return NotificationPage(
        day=day,
        queued=counts[NotifyStatus.QUEUED],
        sent=counts[NotifyStatus.SENT],
        failed=counts[NotifyStatus.FAILED],
        items=items,
    )
