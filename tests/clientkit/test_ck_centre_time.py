"""Every app shows the centre's time, whatever the PC's zone."""

import time
from datetime import UTC, datetime

from clientkit import centre_time


def test_the_centre_zone_not_the_pcs(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")  # a PC set up abroad
    time.tzset()
    try:
        at = datetime(2026, 11, 23, 2, 5, tzinfo=UTC)
        assert centre_time.hhmm(at) == "09:05"  # Hà Nội, by default
        assert centre_time.hhmm(at.replace(tzinfo=None)) == "09:05"  # naive = UTC
        assert centre_time.hhmm(None) == "–"
        centre_time.use_zone("Asia/Tokyo")
        assert centre_time.hhmm(at) == "11:05"
        assert centre_time.now().utcoffset().total_seconds() == 9 * 3600
        centre_time.use_zone("Not/AZone")  # a broken catalog: the centre's default
        assert centre_time.hhmm(at) == "09:05"
    finally:
        centre_time.use_zone(None)
        monkeypatch.undo()
        time.tzset()
