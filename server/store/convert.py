"""Times as stored: aware UTC everywhere (SQLModel's UTCDateTime)."""

from datetime import UTC, datetime


def aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def utc(dt: datetime) -> datetime:
    """Aware UTC, for storing: a naive value is taken to be UTC already."""
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)
