"""What the centre editor shows for each value of the centre file (protocol/centre.py):
its path, the kind of input, its label's i18n key, the tab it sits on. Plain data, no
NiceGUI; the page draws one input per spec and `centre_form` converts the inputs back to
the file's JSON. No rule of the centre here: the server's CentreConfig validates."""

from dataclasses import dataclass
from typing import Literal

from protocol.centre import ServiceConf
from protocol.phones import RemoteConf, SlotConf

Kind = Literal["text", "area", "int", "float", "bool", "choice", "words", "lines", "color"]

TABS = ("general", "hours", "fields", "counters", "texts", "ratings", "alerts", "phones")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Spec:
    """One input. `key`: dotted path in the item ("numbers.start"); `optional`: a blank
    input means "not set" (null in the file) rather than an empty text."""

    key: str
    kind: Kind = "text"
    optional: bool = False
    required: bool = False  # a light hint (a mark on the label); the server decides
    choices: tuple[str, ...] = ()
    wide: bool = False  # a long text: the whole width of its grid
    heading: str | None = None  # a dialog's subtitle (i18n key) drawn before this input

    @property
    def label(self) -> str:
        return "centre.f." + self.key


# -- the centre's own values, per tab -------------------------------------------------
GENERAL = (
    Spec("name", required=True, wide=True),
    Spec("name_en", optional=True, wide=True),
    Spec("address", optional=True, wide=True),
    Spec("timezone", required=True),
    Spec("default_service_s", "float"),
    Spec("priority_ratio", "int"),
    Spec("kiosk_limit.tickets", "int"),
    Spec("kiosk_limit.per_seconds", "int"),
    Spec("kiosk_when_printer_fails", "choice", choices=("screen", "stop")),
    Spec("target_wait_min", "int"),
)
HOURS = (Spec("enforce_hours", "bool"),)
TEXTS = (
    Spec("announcement.template", "area", required=True),
    Spec("announcement.number_reading", "choice", choices=("words", "digits")),
    Spec("notice", "area", optional=True),
    Spec("ticket_footer", "area", optional=True),
)
RATINGS = (
    Spec("rating_reasons", "lines"),
    Spec("pause_reasons", "lines"),
    Spec("no_show_after_s", "int"),
    Spec("no_show_after_recalls", "int"),
)
ALERTS = (
    Spec("alerts.wait_min", "int"),
    Spec("alerts.pause_min", "int"),
    Spec("alerts.idle_min", "int"),
    Spec("alerts.device_offline_s", "int"),
)
PHONES = (  # protocol/phones.py PhonesConf
    Spec("phones.phone_required", "bool"),
    Spec("phones.sms", "bool"),
    Spec("phones.per_phone_per_day", "int"),
    Spec("phones.per_address_per_hour", "int"),
    Spec("phones.retention_days", "int"),
    Spec("phones.consent_text", "area", required=True),
    Spec("phones.consent_text_en", "area", required=True),
)
SCALARS: dict[str, tuple[Spec, ...]] = {
    "general": GENERAL,
    "hours": HOURS,
    "texts": TEXTS,
    "ratings": RATINGS,
    "alerts": ALERTS,
    "phones": PHONES,
}

# -- items of the centre's lists (edited in a dialog) ----------------------------------
SERVICE = (
    Spec("id", required=True),
    Spec("name", required=True),
    Spec("name_en", optional=True),
    Spec("short_name", optional=True),
    Spec("short_name_en", optional=True),
    Spec("numbers.start", "int"),
    Spec("numbers.end", "int", optional=True),
    Spec("numbers.prefix"),
    Spec("numbers.width", "int"),
    Spec("daily_limit", "int", optional=True),
    Spec("default_service_s", "float", optional=True),
    Spec("alert_wait_min", "int", optional=True),
    Spec("target_wait_min", "int", optional=True),
    Spec("closed", "bool"),
    Spec("color", "color", optional=True),
    Spec("icon", optional=True),
    Spec("keywords", "words"),
    # citizens' phones (protocol/phones.py RemoteConf, SlotConf)
    Spec("remote.enabled", "bool", heading="centre.phones.remote"),
    Spec("remote.daily_cap", "int", optional=True),
    Spec("notify_ahead", "int"),
    Spec("slots.enabled", "bool", heading="centre.phones.slots"),
    Spec("slots.length_min", "int"),
    Spec("slots.capacity", "int"),
    Spec("slots.days_ahead", "int"),
    Spec("slots.tolerance_min", "int"),
    Spec("slots.closed_days", "words"),
)
PROCEDURE = (
    Spec("id", required=True),
    Spec("name", required=True),
    Spec("keywords", "words"),
    # what to bring (shown on the kiosk's procedure screen and the phone pages)
    Spec("fee", optional=True, heading="centre.procedure.info"),
    Spec("result_time", optional=True),
    Spec("portal_url", optional=True, wide=True),
    Spec("documents", "lines"),
)
COUNTER = (
    Spec("id", "int", required=True),
    Spec("name", optional=True),
)
PRIORITY_GROUP = (
    Spec("code", required=True),
    Spec("name", required=True),
    Spec("name_en", optional=True),
)
RATING_LEVEL = (
    Spec("code", required=True),
    Spec("name", required=True),
    Spec("name_en", optional=True),
    Spec("low", "bool"),
)
ITEMS: dict[str, tuple[Spec, ...]] = {
    "services": SERVICE,
    "procedures": PROCEDURE,
    "counters": COUNTER,
    "priority_groups": PRIORITY_GROUP,
    "rating_levels": RATING_LEVEL,
}

# What a new item starts as (the server fills in the rest with its defaults).
NEW_ITEM: dict[str, dict[str, object]] = {
    "services": {
        "id": "",
        "name": "",
        "numbers": {"start": 1, "prefix": "", "width": 0},
        # the protocol's defaults, so that the dialog's phone inputs start filled in
        "remote": RemoteConf().model_dump(mode="json"),
        "slots": SlotConf().model_dump(mode="json"),
        "notify_ahead": ServiceConf.model_fields["notify_ahead"].default,
    },
    "procedures": {"id": "", "name": "", "keywords": [], "documents": []},
    "counters": {"id": None, "name": None, "services": []},
    "priority_groups": {"code": "", "name": ""},
    "rating_levels": {"code": "", "name": "", "low": False},
}

# The tab each top-level key of the centre file is edited on (an error's `loc[0]`).
TAB_OF_KEY = {
    **{s.key.split(".")[0]: tab for tab, specs in SCALARS.items() for s in specs},
    "site": "general",
    "name_en": "general",
    "priority_groups": "general",
    "hours": "hours",
    "closed_days": "hours",
    "services": "fields",
    "counters": "counters",
    "rating_levels": "ratings",
}
