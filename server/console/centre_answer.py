"""What the server said to the centre editor's Save (`PUT /admin/centre`), made into what
the page shows: saved; refused (422 `centre-invalid`: each error placed on its tab, table
row and input, in the server's words); fields still in use (409 `field-in-use`: the
citizens waiting per removed field, and the fields they may move to); or another problem.
Plain Python, no NiceGUI."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from server.console.centre_specs import SCALARS, TAB_OF_KEY

LISTS = ("services", "counters", "priority_groups", "rating_levels", "closed_days")
_SCALAR_KEYS = sorted((s.key for specs in SCALARS.values() for s in specs), key=len, reverse=True)


@dataclass(frozen=True)
class Problem:
    """One error of the server's, placed. `section`: the list it is in (or None for the
    centre's own values); `index`: its row there; `label`: that row's id as the table shows
    it; `procedure`: the row in that field's procedures; `key`: the input (dotted path
    within the row, or the centre's own value); `msg`: the server's words."""

    tab: str
    msg: str
    key: str = ""
    section: str | None = None
    index: int | None = None
    label: str = ""
    procedure: int | None = None

    @property
    def where(self) -> str:
        """The place as a short path: "xay-dung › numbers", "counter 3 › services"."""
        parts = [self.label] if self.label else []
        return " › ".join([*parts, self.key] if self.key else parts)


@dataclass(frozen=True)
class Saved:
    centre: dict[str, Any] | None = None


@dataclass(frozen=True)
class Invalid:
    detail: str
    problems: list[Problem]

    def by_tab(self) -> dict[str, int]:
        return dict(Counter(p.tab for p in self.problems))

    def on(self, tab: str) -> list[Problem]:
        return [p for p in self.problems if p.tab == tab]

    def rows(self, section: str) -> dict[int, list[str]]:
        """{row index: messages} for the table of `section`."""
        out: dict[int, list[str]] = {}
        for p in self.problems:
            if p.section == section and p.index is not None:
                out.setdefault(p.index, []).append(p.msg)
        return out

    def item_inputs(
        self, section: str, index: int, keys: list[str], procedure: int | None = None
    ) -> dict[str, str]:
        """{input key: message} for the dialog that edits row `index` of `section` (or
        procedure `procedure` of that field): an error about a group of inputs
        ("numbers") lands on its first input ("numbers.start")."""
        out: dict[str, str] = {}
        for p in self.problems:
            if p.section != section or p.index != index or p.procedure != procedure:
                continue
            key = p.key
            if procedure is not None:
                key = key.removeprefix(f"procedures.{procedure}").lstrip(".")
            hit = next((k for k in keys if _within(k, key) or _within(key, k)), None)
            if hit:
                out.setdefault(hit, p.msg)
        return out

    def inputs(self) -> dict[str, str]:
        """{key: message} for the centre's own inputs (the first error of each)."""
        out: dict[str, str] = {}
        for p in self.problems:
            if p.section is None and p.key:
                out.setdefault(p.key, p.msg)
        return out


@dataclass(frozen=True)
class InUse:
    """`fields`: (field id, its name, citizens waiting); `targets`: {field id: name} of
    the fields the centre keeps, where they may move."""

    fields: list[tuple[str, str, int]]
    targets: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Failed:
    title: str
    detail: str = ""


Outcome = Saved | Invalid | InUse | Failed


def outcome(
    status: int, body: Any, sent: dict[str, Any], before: dict[str, Any], lang: str = "vi"
) -> Outcome:
    """`sent`: the centre the PUT carried; `before`: the centre as last saved (the removed
    fields' names come from there)."""
    body = body if isinstance(body, dict) else {}
    if 200 <= status < 300:
        return Saved(body if "services" in body else None)
    kind = body.get("type")
    if status == 409 and kind == "field-in-use":
        names = {s["id"]: _name(s, lang) for s in before.get("services", [])}
        in_use = body.get("in_use") or {}
        return InUse(
            [(fid, names.get(fid, fid), int(n)) for fid, n in in_use.items()],
            {s["id"]: _name(s, lang) for s in sent.get("services", []) if s["id"] not in in_use},
        )
    if status == 422 and isinstance(body.get("errors"), list):
        problems = [place(e.get("loc") or [], str(e.get("msg", "")), sent) for e in body["errors"]]
        return Invalid(str(body.get("detail") or ""), problems)
    return Failed(str(body.get("title") or f"HTTP {status}"), str(body.get("detail") or ""))


def place(loc: list[Any], msg: str, sent: dict[str, Any]) -> Problem:
    """Where an error's `loc` (["services", 2, "numbers"]) is on the page."""
    loc = list(loc[1:] if loc[:1] == ["body"] else loc)
    if not loc:
        return Problem("general", msg)
    head, rest = str(loc[0]), loc[1:]
    tab = TAB_OF_KEY.get(head, "general")
    if head in LISTS and rest and isinstance(rest[0], int):
        i, rest = rest[0], rest[1:]
        label = _label(head, i, sent)
        proc = None
        if head == "services" and rest[:1] == ["procedures"] and len(rest) > 1:
            proc = rest[1] if isinstance(rest[1], int) else None
        return Problem(tab, msg, _dotted(rest), head, i, label, proc)
    if head in LISTS or head == "hours":
        return Problem(tab, msg, _dotted(loc), head)
    dotted = _dotted(loc)
    key = next((k for k in _SCALAR_KEYS if dotted == k or dotted.startswith(k + ".")), dotted)
    return Problem(tab, msg, key)


def waiting_param(choice: str, target: str | None = None) -> str:
    """The `waiting` query of the repeated PUT: "cancel" or "move:<field id>"."""
    return "cancel" if choice == "cancel" else f"move:{target}"


def _label(section: str, i: int, sent: dict[str, Any]) -> str:
    rows = sent.get(section) or []
    if not 0 <= i < len(rows):
        return f"{section}[{i}]"
    row = rows[i]
    if section == "counters":
        return f"#{row.get('id')}"
    if section == "closed_days":
        return str(row)
    return str(row.get("id") or row.get("code") or f"{section}[{i}]")


def _within(key: str, group: str) -> bool:
    return bool(group) and (key == group or key.startswith(group + "."))


def _dotted(parts: list[Any]) -> str:
    return ".".join(str(p) for p in parts)


def _name(service: dict[str, Any], lang: str) -> str:
    return str((service.get("name_en") if lang == "en" else None) or service.get("name") or "")
