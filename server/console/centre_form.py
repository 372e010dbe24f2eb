"""The centre editor's state: the centre as the API gives it (`GET /admin/centre`, the
centre file's JSON) edited in place, and the conversions between the page's inputs and
that JSON. Plain Python, no NiceGUI: the page draws inputs from `centre_specs` and calls
these. Nothing is validated here; the server's CentreConfig says what is wrong."""

import copy
from typing import Any

from server.console.centre_specs import ITEMS, NEW_ITEM, WEEKDAYS, Spec

DEFAULT_HOURS = ("07:00", "17:00")  # what a weekday gets when it is ticked open


# -- paths ------------------------------------------------------------------------------
def get_path(data: dict[str, Any], key: str) -> Any:
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def set_path(data: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


# -- one input <-> one JSON value -----------------------------------------------------------
def to_input(spec: Spec, value: Any) -> Any:
    """The JSON value as its input shows it."""
    if spec.kind in ("text", "area", "color", "choice"):
        return "" if value is None else str(value)
    if spec.kind == "words":
        return ", ".join(value or [])
    if spec.kind == "lines":
        return "\n".join(value or [])
    if spec.kind == "bool":
        return bool(value)
    return value  # int, float: the number input takes the number (or None)


def from_input(spec: Spec, raw: Any) -> Any:
    """The input's value as the JSON carries it. What cannot be read as the kind (letters
    in a number) goes as typed: the server's answer names it."""
    if spec.kind == "bool":
        return bool(raw)
    if spec.kind == "words":
        return [w.strip() for w in str(raw or "").split(",") if w.strip()]
    if spec.kind == "lines":
        return [w.strip() for w in str(raw or "").splitlines() if w.strip()]
    text = raw.strip() if isinstance(raw, str) else raw
    if text is None or text == "":
        return None if spec.optional or spec.kind in ("int", "float") else ""
    if spec.kind in ("int", "float"):
        return _number(spec.kind, text)
    return text


def _number(kind: str, raw: Any) -> Any:
    try:
        n = float(raw)
    except (TypeError, ValueError):
        return raw
    return int(n) if kind == "int" and n.is_integer() else n


def inputs_of(item: dict[str, Any], specs: tuple[Spec, ...]) -> dict[str, Any]:
    """{spec key: input value} for a dialog or a tab."""
    return {s.key: to_input(s, get_path(item, s.key)) for s in specs}


def apply_inputs(
    item: dict[str, Any], specs: tuple[Spec, ...], inputs: dict[str, Any]
) -> dict[str, Any]:
    """A copy of `item` with the inputs written back (keys the specs do not name, such as
    a field's procedures, are kept)."""
    out = copy.deepcopy(item)
    for s in specs:
        if s.key in inputs:
            set_path(out, s.key, from_input(s, inputs[s.key]))
    return out


# -- the whole centre ---------------------------------------------------------------------
class CentreForm:
    """The centre being edited. `data` is the JSON the Save button PUTs; `saved` is what
    the server last said the centre is."""

    def __init__(self, centre: dict[str, Any]) -> None:
        self.saved: dict[str, Any] = copy.deepcopy(centre)
        self.data: dict[str, Any] = copy.deepcopy(centre)

    @property
    def dirty(self) -> bool:
        return self.data != self.saved

    def mark_saved(self, centre: dict[str, Any] | None = None) -> None:
        """The server took it (`centre`: what it answered, if it answered the centre)."""
        self.saved = copy.deepcopy(centre if centre is not None else self.data)
        self.data = copy.deepcopy(self.saved)

    def body(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    # -- scalar values (a tab's inputs) ----------------------------------------------
    def value(self, spec: Spec) -> Any:
        return to_input(spec, get_path(self.data, spec.key))

    def set_value(self, spec: Spec, raw: Any) -> None:
        set_path(self.data, spec.key, from_input(spec, raw))

    # -- lists of items (tables with dialogs) ------------------------------------------
    def items(self, kind: str, service: int | None = None) -> list[dict[str, Any]]:
        """The list `kind` ("services", "counters", ...); procedures of service `service`."""
        if kind == "procedures":
            assert service is not None
            return self.data["services"][service].setdefault("procedures", [])
        return self.data.setdefault(kind, [])

    def new_item(self, kind: str) -> dict[str, Any]:
        return copy.deepcopy(NEW_ITEM[kind])

    def item_inputs(self, kind: str, item: dict[str, Any]) -> dict[str, Any]:
        return inputs_of(item, ITEMS[kind])

    def put_item(
        self,
        kind: str,
        index: int | None,
        item: dict[str, Any],
        inputs: dict[str, Any],
        service: int | None = None,
    ) -> dict[str, Any]:
        """Write a dialog's inputs into the item at `index` (None: append a new one)."""
        new = apply_inputs(item, ITEMS[kind], inputs)
        rows = self.items(kind, service)
        if index is None:
            rows.append(new)
        else:
            if kind == "services" and rows[index]["id"] != new["id"]:
                self._rename_service(rows[index]["id"], new["id"])
            rows[index] = new
        return new

    def remove_item(self, kind: str, index: int, service: int | None = None) -> None:
        rows = self.items(kind, service)
        gone = rows.pop(index)
        if kind == "services":  # counters stop serving it rather than name a lost field
            for c in self.data.get("counters", []):
                c["services"] = [cs for cs in c["services"] if _sid(cs) != gone["id"]]

    def counters_serving(self, service_id: str) -> list[int]:
        return [
            c["id"]
            for c in self.data.get("counters", [])
            if any(_sid(cs) == service_id for cs in c["services"])
        ]

    def _rename_service(self, old: str, new: str) -> None:
        for c in self.data.get("counters", []):
            for j, cs in enumerate(c["services"]):
                if _sid(cs) == old:
                    c["services"][j] = {"id": new, "weight": _weight(cs)}

    # -- a counter's fields (rows of field id and weight) ---------------------------------
    @staticmethod
    def counter_fields(counter: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"id": _sid(cs), "weight": _weight(cs)} for cs in counter.get("services", [])]

    @staticmethod
    def fields_from_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows without a field chosen are dropped; a blank weight is the usual 1."""
        out = []
        for r in rows:
            if r.get("id"):
                w = r.get("weight")
                w = 1.0 if w in (None, "") else _number("float", w)
                out.append({"id": r["id"], "weight": w})
        return out

    # -- hours and closed days ---------------------------------------------------------------
    def hours_rows(self) -> list[dict[str, Any]]:
        hours = self.data.get("hours") or {}
        return [
            {
                "day": d,
                "open": d in hours,
                "opens": hours[d][0] if d in hours else DEFAULT_HOURS[0],
                "closes": hours[d][1] if d in hours else DEFAULT_HOURS[1],
            }
            for d in WEEKDAYS
        ]

    def set_hours(self, rows: list[dict[str, Any]]) -> None:
        self.data["hours"] = {r["day"]: [r["opens"], r["closes"]] for r in rows if r["open"]}

    def closed_days(self) -> list[str]:
        return list(self.data.get("closed_days") or [])

    def add_closed_day(self, day: str) -> None:
        """`day`: ISO date from the date picker; kept in date order, once."""
        days = set(self.closed_days())
        if day:
            days.add(day)
        self.data["closed_days"] = sorted(days)

    def remove_closed_day(self, day: str) -> None:
        self.data["closed_days"] = [d for d in self.closed_days() if d != day]

    # -- what tables show ----------------------------------------------------------------------
    def service_rows(self, lang: str) -> list[dict[str, Any]]:
        return [
            {
                "index": i,
                "id": s["id"],
                "name": _named(s, lang),
                "numbers": numbers_text(s.get("numbers") or {}),
                "daily_limit": s.get("daily_limit") or "",
                "closed": bool(s.get("closed")),
                "procedures": len(s.get("procedures") or []),
                "counters": ", ".join(map(str, self.counters_serving(s["id"]))),
                "color": s.get("color") or "",
            }
            for i, s in enumerate(self.data.get("services", []))
        ]

    def phone_rows(self, lang: str) -> list[dict[str, Any]]:
        """Each field's remote numbers and booked times (protocol/phones.py)."""
        out = []
        for i, s in enumerate(self.data.get("services", [])):
            remote, slots = s.get("remote") or {}, s.get("slots") or {}
            out.append(
                {
                    "index": i,
                    "id": s["id"],
                    "name": _named(s, lang),
                    "remote": bool(remote.get("enabled")),
                    "remote_cap": remote.get("daily_cap") or "",
                    "slots": bool(slots.get("enabled")),
                    "length_min": slots.get("length_min", ""),
                    "capacity": slots.get("capacity", ""),
                    "days_ahead": slots.get("days_ahead", ""),
                    "notify_ahead": s.get("notify_ahead", ""),
                }
            )
        return out

    def counter_rows(self, lang: str) -> list[dict[str, Any]]:
        names = {s["id"]: _named(s, lang, short=True) for s in self.data.get("services", [])}
        return [
            {
                "index": i,
                "id": c["id"],
                "name": c.get("name") or "",
                "fields": ", ".join(
                    names.get(r["id"], r["id"]) + (f" ×{r['weight']:g}" if r["weight"] != 1 else "")
                    for r in self.counter_fields(c)
                ),
            }
            for i, c in enumerate(self.data.get("counters", []))
        ]

    def service_choices(self, lang: str) -> dict[str, str]:
        """{field id: "name (id)"} for the selects that pick a field."""
        return {s["id"]: f"{_named(s, lang)} ({s['id']})" for s in self.data.get("services", [])}


def numbers_text(n: dict[str, Any]) -> str:
    """A field's numbers as the hall sees them: "1001–1999", "A001–…"."""
    prefix, width = n.get("prefix") or "", int(n.get("width") or 0)
    start, end = n.get("start", 1), n.get("end")

    def one(x: Any) -> str:
        return f"{prefix}{str(x).zfill(width)}" if isinstance(x, int) else f"{prefix}{x}"

    return f"{one(start)}–{one(end) if end is not None else '…'}"


def _named(item: dict[str, Any], lang: str, short: bool = False) -> str:
    keys = ("short_name", "name") if short else ("name",)
    order = [f"{k}_en" for k in keys] if lang == "en" else []
    return next((str(item[k]) for k in (*order, *keys) if item.get(k)), str(item.get("id", "")))


def _sid(cs: Any) -> str:
    return cs if isinstance(cs, str) else str(cs["id"])


def _weight(cs: Any) -> float:
    return 1.0 if isinstance(cs, str) else cs.get("weight", 1.0)
