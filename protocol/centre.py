"""The centre's configuration (the centre file's schema): services, procedures, counters,
hours, texts. Part of the contract: the server validates it, stores it on the site row,
and the domain reads its rules from it. No I/O here (server/centre.py reads YAML).
"""

from datetime import date, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from protocol.announcement import DEFAULT_TEMPLATE
from protocol.phones import PhonesConf, RemoteConf, SlotConf
from protocol.snapshot import PriorityGroup, ProcedureInfo, RatingLevel

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_STRICT = ConfigDict(extra="forbid")


class Numbers(BaseModel):
    model_config = _STRICT
    start: int = Field(default=1, ge=0)
    end: int | None = None
    prefix: str = Field(default="", max_length=3)
    width: int = Field(default=0, ge=0, le=6)

    @model_validator(mode="after")
    def _block(self) -> "Numbers":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class ServiceConf(BaseModel):
    model_config = _STRICT
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str
    name_en: str | None = None
    # For tight places (the hall TV's tiles and waiting list): "Lao động – TBXH".
    short_name: str | None = None
    short_name_en: str | None = None
    numbers: Numbers = Field(default_factory=Numbers)
    daily_limit: int | None = Field(default=None, ge=1)
    closed: bool = False
    default_service_s: float | None = Field(default=None, gt=0)
    procedures: list[ProcedureInfo] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)  # everyday words the kiosk search finds
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")  # the kiosk tile's
    icon: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9-]{0,31}$")  # kiosk icon name
    # Supervisors are alerted when a citizen of this field has waited longer than this;
    # None: the centre's `alerts.wait_min`.
    alert_wait_min: int | None = Field(default=None, ge=1, le=24 * 60)
    remote: RemoteConf = Field(default_factory=RemoteConf)
    slots: SlotConf = Field(default_factory=SlotConf)
    # "Your turn is near" is sent when this many citizens are ahead (0: only when called).
    notify_ahead: int = Field(default=3, ge=0, le=50)
    # Reports: the share of citizens called within this many minutes of taking their
    # number ("within target"); None: the centre's `target_wait_min`.
    target_wait_min: int | None = Field(default=None, ge=1, le=24 * 60)


class CounterService(BaseModel):
    model_config = _STRICT
    id: str
    weight: float = Field(default=1.0, gt=0)


class CounterConf(BaseModel):
    model_config = _STRICT
    id: int = Field(ge=1, le=999)
    name: str | None = None
    services: list[CounterService]

    @field_validator("services", mode="before")
    @classmethod
    def _plain_ids(cls, v: Any) -> Any:
        return [{"id": s} if isinstance(s, str) else s for s in v]


class KioskLimit(BaseModel):
    model_config = _STRICT
    tickets: int = Field(default=20, ge=1)
    per_seconds: int = Field(default=60, ge=1)


class Announcement(BaseModel):
    model_config = _STRICT
    template: str = DEFAULT_TEMPLATE
    number_reading: str = Field(default="words", pattern="^(words|digits)$")


class AlertLimits(BaseModel):
    """When the console alerts supervisors (live supervision)."""

    model_config = _STRICT
    wait_min: int = Field(default=60, ge=1, le=24 * 60)  # a citizen waiting this long
    pause_min: int = Field(default=20, ge=1, le=24 * 60)  # a counter paused this long
    idle_min: int = Field(default=5, ge=1, le=24 * 60)  # open, idle, its fields waiting
    device_offline_s: int = Field(default=120, ge=10, le=24 * 3600)  # kiosk/TV not seen


def _default_ratings() -> list[RatingLevel]:
    return [
        RatingLevel(code="very-satisfied", name="Rất hài lòng", name_en="Very satisfied"),
        RatingLevel(code="satisfied", name="Hài lòng", name_en="Satisfied"),
        RatingLevel(code="neutral", name="Bình thường", name_en="Neutral", satisfied=False),
        RatingLevel(code="unsatisfied", name="Không hài lòng", name_en="Unsatisfied", low=True),
    ]


class CentreConfig(BaseModel):
    model_config = _STRICT
    site: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str
    name_en: str | None = None
    address: str | None = None
    timezone: str = "Asia/Ho_Chi_Minh"
    hours: dict[str, tuple[str, str]] = Field(
        default_factory=lambda: {d: ("07:00", "17:00") for d in WEEKDAYS[:5]}
    )
    enforce_hours: bool = True
    # Public holidays and other days the centre does not open (no tickets, whatever `hours`).
    closed_days: list[date] = Field(default_factory=list)
    priority_ratio: int = Field(default=2, ge=1, le=20)
    default_service_s: float = Field(default=420, gt=0)
    kiosk_limit: KioskLimit = Field(default_factory=KioskLimit)
    # The kiosk's printer is out of paper or off line: "screen" keeps issuing, the ticket
    # shown on screen with its QR; "stop" issues nothing until the printer works again.
    kiosk_when_printer_fails: Literal["stop", "screen"] = "screen"
    announcement: Announcement = Field(default_factory=Announcement)
    notice: str | None = None
    ticket_footer: str | None = None
    priority_groups: list[PriorityGroup] = Field(default_factory=list)
    rating_levels: list[RatingLevel] = Field(default_factory=_default_ratings)
    rating_reasons: list[str] = Field(default_factory=list)
    pause_reasons: list[str] = Field(default_factory=list)
    # A no-show is recorded only once the citizen had time to come: this many seconds
    # after the latest call (or recall), and after this many recalls.
    no_show_after_s: int = Field(default=60, ge=0, le=3600)
    no_show_after_recalls: int = Field(default=1, ge=0, le=10)
    alerts: AlertLimits = Field(default_factory=AlertLimits)
    phones: PhonesConf = Field(default_factory=PhonesConf)
    # Reports: a citizen called within this many minutes of taking a number was served
    # "within target"; a field may set its own (`services[].target_wait_min`).
    target_wait_min: int = Field(default=30, ge=1, le=24 * 60)
    services: list[ServiceConf] = Field(min_length=1)
    counters: list[CounterConf] = Field(min_length=1)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(
                f"unknown time zone {v!r}; a Vietnamese centre uses Asia/Ho_Chi_Minh"
            ) from None
        return v

    @field_validator("hours")
    @classmethod
    def _hours(cls, v: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
        for day, (a, b) in v.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; use {', '.join(WEEKDAYS)}")
            if time.fromisoformat(a) >= time.fromisoformat(b):
                raise ValueError(f"{day}: opening {a} must be before closing {b}")
        return v

    @model_validator(mode="after")
    def _references(self) -> "CentreConfig":
        """The checks that look across the file; every problem found is reported (each
        at its own path: the error's ctx `problems`), not only the first."""
        problems = _unique("services", [s.id for s in self.services], "field (service) id")
        seen: dict[str, tuple[int, int]] = {}
        for i, s in enumerate(self.services):
            for j, p in enumerate(s.procedures):
                if p.id in seen:
                    a, b = seen[p.id]
                    problems.append(
                        (
                            ("services", i, "procedures", j, "id"),
                            f"procedure id {p.id!r} is also services[{a}].procedures[{b}]; "
                            "procedure ids must be unique across the centre",
                        )
                    )
                else:
                    seen[p.id] = (i, j)
        problems += _numbers_apart(self.services)
        problems += _unique("counters", [c.id for c in self.counters], "counter id")
        ids = {s.id for s in self.services}
        for i, c in enumerate(self.counters):
            for j, cs in enumerate(c.services):
                if cs.id not in ids:
                    problems.append(
                        (
                            ("counters", i, "services", j),
                            f"counter {c.id} names unknown service {cs.id!r}; "
                            f"the fields are: {', '.join(sorted(ids))}",
                        )
                    )
        for where, codes in (
            ("priority_groups", [g.code for g in self.priority_groups]),
            ("rating_levels", [r.code for r in self.rating_levels]),
        ):
            problems += _unique(where, codes, "code", key="code")
        if problems:
            raise _at(problems)
        return self

    # -- lookups the commands need, built once per config ---------------------------
    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def hours_parsed(self) -> dict[str, tuple[time, time]]:
        return {
            d: (time.fromisoformat(a), time.fromisoformat(b)) for d, (a, b) in self.hours.items()
        }

    def alert_wait_min(self, service_id: str) -> int:
        svc = self.service(service_id)
        if svc is not None and svc.alert_wait_min is not None:
            return svc.alert_wait_min
        return self.alerts.wait_min

    def target_wait_s(self, service_id: str) -> int:
        """The reports' target wait of a field, in seconds."""
        svc = self.service(service_id)
        if svc is not None and svc.target_wait_min is not None:
            return svc.target_wait_min * 60
        return self.target_wait_min * 60

    def service(self, service_id: str) -> ServiceConf | None:
        return self._services().get(service_id)

    def counter(self, counter_id: int) -> CounterConf | None:
        return next((c for c in self.counters if c.id == counter_id), None)

    def procedure_service(self, procedure_id: str) -> str | None:
        return self._procedures().get(procedure_id)

    def procedure_name(self, procedure_id: str | None) -> str | None:
        if procedure_id is None:
            return None
        sid = self.procedure_service(procedure_id)
        svc = self.service(sid) if sid else None
        return next((p.name for p in svc.procedures if p.id == procedure_id), None) if svc else None

    def _services(self) -> dict[str, ServiceConf]:
        cache = self.__dict__.setdefault("_svc_cache", None)
        if cache is None:
            cache = {s.id: s for s in self.services}
            self.__dict__["_svc_cache"] = cache
        return cache

    def _procedures(self) -> dict[str, str]:
        cache = self.__dict__.setdefault("_proc_cache", None)
        if cache is None:
            cache = {p.id: s.id for s in self.services for p in s.procedures}
            self.__dict__["_proc_cache"] = cache
        return cache


Problem = tuple[tuple[str | int, ...], str]  # (path in the file, what is wrong)


def _at(problems: list[Problem]) -> PydanticCustomError:
    """Errors about places of the centre file: the first one's `path` (in the error's
    ctx), and all of them in `problems`, let the CLI and the web console point at each
    offending key, not at the whole file."""
    path, msg = problems[0]
    return PydanticCustomError(
        "centre",
        "{msg}",
        {"msg": msg, "path": path, "problems": [{"path": p, "msg": m} for p, m in problems]},
    )


def _unique(where: str, ids: list[Any], what: str, key: str = "id") -> list[Problem]:
    first: dict[Any, int] = {}
    out: list[Problem] = []
    for i, v in enumerate(ids):
        if v in first:
            out.append(
                (
                    (where, i, key),
                    f"{what} {v!r} is used twice ({where}[{first[v]}] and {where}[{i}]); "
                    "give each its own id",
                )
            )
        else:
            first[v] = i
    return out


def _numbers_apart(services: list[ServiceConf]) -> list[Problem]:
    """Two fields whose announced numbers can be the same would send two citizens to one
    call: the same prefix (or none) and overlapping blocks are refused."""
    out: list[Problem] = []
    for j, b in enumerate(services):
        for i, a in enumerate(services[:j]):
            if a.numbers.prefix.casefold() != b.numbers.prefix.casefold():
                continue
            a_end, b_end = a.numbers.end, b.numbers.end
            if (a_end is None or b.numbers.start <= a_end) and (
                b_end is None or a.numbers.start <= b_end
            ):
                out.append(
                    (
                        ("services", j, "numbers"),
                        f"field {b.id!r} numbers {_block(b.numbers)} overlap field {a.id!r} "
                        f"(services[{i}], {_block(a.numbers)}): the hall would call the same "
                        "number for both; give each field its own block (e.g. start: 2001, "
                        "end: 2999) or its own prefix",
                    )
                )
                break  # one overlap per field is enough to fix it
    return out


def _block(n: Numbers) -> str:
    return f"{n.prefix}{n.start}–{n.prefix}{n.end if n.end is not None else '…'}"
