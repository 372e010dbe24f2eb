"""Reports: a period's figures for one centre or several, broken down one way.

`GET /api/v1/reports?from=&to=&by=` answers a `Report`. Every figure of a row counts the
events of the period that made it, at the time they happened (the centre's time zone):
tickets issued, served (finished), no-shows recorded, cancelled (by a clerk, or left
waiting or called when the day closed), transferred; the wait of a ticket is from its
issue to its first call, its service time from start to finish. Quantiles (median, 90th
percentile) come from histograms of 10 s buckets: within 5 s of the exact nearest-rank
value (waits and service times over 8 h read as 8 h); counts, means and shares are exact.
"""

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from protocol.snapshot import RatingLevel

BUCKET_S = 10  # histogram bucket width: the precision of medians and 90th percentiles
MAX_S = 8 * 3600  # longer waits and service times count as this long in quantiles


class ReportBy(StrEnum):
    SERVICE = "service"  # the field (lĩnh vực)
    PROCEDURE = "procedure"
    COUNTER = "counter"
    CLERK = "clerk"
    DAY = "day"
    HOUR = "hour"  # hour of the day, "08" = 08:00–08:59, summed over the period's days


class ReportFigures(BaseModel):
    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    transferred: int = 0
    wait_mean_s: float | None = None  # from issue to first call
    wait_median_s: float | None = None
    wait_p90_s: float | None = None
    within_target_share: float | None = None  # called within the field's target wait
    service_mean_s: float | None = None  # from start to finish
    service_p90_s: float | None = None
    ratings: dict[str, int] = Field(default_factory=dict)  # rating level code -> count
    satisfied_share: float | None = None  # satisfied levels over all ratings
    rating_coverage: float | None = None  # ratings over served
    low_reasons: dict[str, int] = Field(default_factory=dict)  # reasons given with low ratings
    # Counters' time (rows by counter, clerk, day or hour, and the total; 0 elsewhere):
    paused_s: dict[str, int] = Field(default_factory=dict)  # pause reason -> seconds paused
    idle_s: int = 0  # open, no citizen, while one of its fields had citizens waiting
    # Tickets waiting at the top of the hour (HH:00), the mean over the days sampled.
    waiting_mean: float | None = None


class ReportRow(ReportFigures):
    key: str  # service id, procedure id, counter number, user id, ISO date or "08"
    name: str
    site: str | None = None  # set on counter and clerk rows of a report of several centres


class Report(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    by: ReportBy
    sites: list[str]
    title: str  # the centre's name, or the centres' names
    timezone: str  # the (first) centre's: days and hours are in it
    generated_at: datetime
    bucket_s: int = BUCKET_S
    rating_levels: list[RatingLevel] = Field(default_factory=list)
    rows: list[ReportRow]
    total: ReportFigures
