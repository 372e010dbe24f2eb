"""The centre editor's tables: fields (with their procedures), counters (with the fields
they serve and their weights), priority groups, rating levels. Each row opens a dialog;
every change goes into the form (centre_form) and waits for Save."""

from typing import Any, Protocol

from nicegui import ui

from server.console.centre_answer import Invalid
from server.console.centre_form import CentreForm
from server.console.centre_specs import ITEMS
from server.console.pages.centre_inputs import Texts, confirm, item_dialog, items_table


class Editor(Protocol):
    form: CentreForm
    said: Invalid | None
    lang: str
    t: Texts
    host: ui.element  # where dialogs live: outside the tabs that redraw

    def changed(self, tab: str) -> None: ...


TITLE_KEY = {
    "services": "centre.field",
    "procedures": "centre.procedure",
    "counters": "centre.counter",
    "priority_groups": "centre.priority_group",
    "rating_levels": "centre.rating_level",
}


def add_button(ed: Editor, kind: str, on_click: Any) -> None:
    ui.button(ed.t(TITLE_KEY[kind] + ".add"), icon="add", on_click=on_click).props(
        f"outline dense data-testid=add-{kind}"
    )


def _errors(ed: Editor, section: str) -> dict[int, list[str]]:
    return ed.said.rows(section) if ed.said else {}


def _edit(
    ed: Editor,
    kind: str,
    index: int | None,
    tab: str,
    service: int | None = None,
    extra: Any = None,
    before_ok: Any = None,
    after: Any = None,
) -> None:
    """The dialog for row `index` of `kind` (None: a new one)."""
    rows = ed.form.items(kind, service)
    item = ed.form.new_item(kind) if index is None else rows[index]
    inputs = ed.form.item_inputs(kind, item)
    errors: dict[str, str] = {}
    if ed.said and index is not None:
        section, i, proc = (
            ("services", service, index) if kind == "procedures" else (kind, index, None)
        )
        if i is not None:
            errors = ed.said.item_inputs(section, i, list(inputs), proc)

    def ok(values: dict[str, Any]) -> None:
        base = before_ok(item) if before_ok else item
        ed.form.put_item(kind, index, base, values, service)
        ed.changed(tab)
        if after:
            after()

    key = TITLE_KEY[kind] + (".add" if index is None else ".edit")
    with ed.host:
        item_dialog(ed.t(key), ITEMS[kind], inputs, ed.t, ok, errors, extra)


def edit_item(ed: Editor, kind: str, index: int, tab: str) -> None:
    """The dialog of row `index` of `kind`, from another tab (`tab` redraws after OK)."""
    _edit(ed, kind, index, tab)


def simple_list(ed: Editor, kind: str, columns: list[str], tab: str) -> None:
    """Priority groups, rating levels: a table of the item's own values."""
    rows = [{"index": i, **r} for i, r in enumerate(ed.form.items(kind))]
    with ui.row().classes("w-full items-center"):
        ui.label(ed.t(f"centre.{kind}")).classes("text-subtitle1 text-weight-medium")
        ui.space()
        add_button(ed, kind, lambda: _edit(ed, kind, None, tab))
    if ed.t.has(f"centre.{kind}.help"):
        ui.label(ed.t(f"centre.{kind}.help")).classes("text-grey-8")
    items_table(
        [(c, ed.t(f"centre.f.{c}")) for c in columns],
        rows,
        lambda i: _edit(ed, kind, i, tab),
        lambda i: _remove(ed, kind, i, tab),
        _errors(ed, kind),
        testid=kind,
    )


def _remove(
    ed: Editor, kind: str, index: int, tab: str, service: int | None = None, after: Any = None
) -> None:
    item = ed.form.items(kind, service)[index]
    name = item.get("id") or item.get("code")
    text = ed.t(TITLE_KEY[kind] + ".remove", name=name)
    if kind == "services" and ed.form.counters_serving(str(name)):
        counters = ", ".join(map(str, ed.form.counters_serving(str(name))))
        text += " " + ed.t("centre.field.remove.counters", counters=counters)

    def yes() -> None:
        ed.form.remove_item(kind, index, service)
        ed.changed(tab)
        if after:
            after()

    with ed.host:
        confirm(text, ed.t, yes)


PROCEDURE_COLUMNS = ("id", "name", "keywords", "documents")


# -- fields and their procedures -------------------------------------------------------------
def fields_tab(ed: Editor) -> None:
    with ui.row().classes("w-full items-center"):
        ui.label(ed.t("centre.fields.help")).classes("text-grey-8")
        ui.space()
        add_button(ed, "services", lambda: _edit(ed, "services", None, "fields"))
    columns = ["id", "name", "numbers", "daily_limit", "closed", "procedures", "counters", "color"]
    items_table(
        [(c, ed.t(f"centre.col.{c}")) for c in columns],
        ed.form.service_rows(ed.lang),
        lambda i: _edit(ed, "services", i, "fields"),
        lambda i: _remove(ed, "services", i, "fields"),
        _errors(ed, "services"),
        extra=("list", ed.t("centre.procedures")),
        on_extra=lambda i: procedures_dialog(ed, i),
        testid="services",
    )


def procedures_dialog(ed: Editor, service: int) -> None:
    svc = ed.form.items("services")[service]
    with ed.host, ui.dialog() as dialog, ui.card().classes("w-[900px] max-w-full"):
        with ui.row().classes("w-full items-center"):
            ui.label(ed.t("centre.procedures.of", name=svc.get("name"))).classes("text-h6")
            ui.space()
            add_button(
                ed,
                "procedures",
                lambda: _edit(ed, "procedures", None, "fields", service, after=table.refresh),
            )

        @ui.refreshable
        def table() -> None:
            rows = [
                {
                    "index": j,
                    "id": p["id"],
                    "name": p["name"],
                    "keywords": ", ".join(p.get("keywords") or []),
                    "documents": len(p.get("documents") or []) or "",
                }
                for j, p in enumerate(ed.form.items("procedures", service))
            ]
            errors: dict[int, list[str]] = {}
            for p in ed.said.problems if ed.said else []:
                if p.section == "services" and p.index == service and p.procedure is not None:
                    errors.setdefault(p.procedure, []).append(p.msg)
            items_table(
                [(c, ed.t(f"centre.f.{c}")) for c in PROCEDURE_COLUMNS],
                rows,
                lambda j: _edit(ed, "procedures", j, "fields", service, after=table.refresh),
                lambda j: _remove(ed, "procedures", j, "fields", service, after=table.refresh),
                errors,
                testid="procedures",
            )

        table()
        with ui.row().classes("w-full justify-end"):
            ui.button(ed.t("centre.close"), on_click=dialog.close).props("flat data-testid=close")
    dialog.on("hide", dialog.delete)
    dialog.open()


# -- counters ----------------------------------------------------------------------------------
def counters_tab(ed: Editor) -> None:
    with ui.row().classes("w-full items-center"):
        ui.label(ed.t("centre.counters.help")).classes("text-grey-8")
        ui.space()
        add_button(ed, "counters", lambda: _edit_counter(ed, None))
    items_table(
        [(c, ed.t(f"centre.col.{c}")) for c in ("id", "name", "fields")],
        ed.form.counter_rows(ed.lang),
        lambda i: _edit_counter(ed, i),
        lambda i: _remove(ed, "counters", i, "counters"),
        _errors(ed, "counters"),
        testid="counters",
    )


def _edit_counter(ed: Editor, index: int | None) -> None:
    counter = ed.form.items("counters")[index] if index is not None else {}
    rows = ed.form.counter_fields(counter) or [{"id": None, "weight": 1.0}]
    choices = ed.form.service_choices(ed.lang)

    def extra() -> None:
        ui.label(ed.t("centre.counter.fields")).classes("text-subtitle2 q-mt-sm")

        @ui.refreshable
        def lines() -> None:
            for r in rows:
                with ui.row().classes("w-full items-center no-wrap gap-2"):
                    ui.select(choices, value=r["id"], with_input=True).bind_value(r, "id").classes(
                        "grow"
                    ).props("outlined dense data-testid=counter-field")
                    ui.number(ed.t("centre.f.weight"), value=r["weight"]).bind_value(
                        r, "weight"
                    ).classes("w-28").props("outlined dense")
                    ui.button(
                        icon="close", on_click=lambda r=r: (rows.remove(r), lines.refresh())
                    ).props("flat round dense")

        lines()
        ui.button(
            ed.t("centre.counter.add_field"),
            icon="add",
            on_click=lambda: (rows.append({"id": None, "weight": 1.0}), lines.refresh()),
        ).props("flat dense data-testid=add-counter-field")

    def with_fields(item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "services": ed.form.fields_from_rows(rows)}

    _edit(ed, "counters", index, "counters", extra=extra, before_ok=with_fields)
