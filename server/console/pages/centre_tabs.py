"""The centre editor's tabs of plain values: General, Hours & holidays, Texts &
announcements, Ratings & pauses, Alerts. Inputs write into the form at once; Save sends."""

from typing import Any

from nicegui import ui

from server.console.centre_specs import SCALARS, Spec
from server.console.pages.centre_inputs import spec_input
from server.console.pages.centre_lists import Editor, simple_list


def scalars(ed: Editor, specs: tuple[Spec, ...], columns: int = 3) -> None:
    """An input per spec, in a grid; the server's error on the input it is about."""
    errors = ed.said.inputs() if ed.said else {}
    with ui.grid(columns=columns).classes("w-full gap-x-4 gap-y-2 items-start"):
        for spec in specs:
            wide = spec.wide or spec.kind == "area"
            with ui.element("div").classes(f"col-span-{columns}" if wide else ""):

                def changed(raw: Any, spec: Spec = spec) -> None:
                    ed.form.set_value(spec, raw)
                    ed.changed(None)

                spec_input(spec, ed.form.value(spec), changed, ed.t, errors.get(spec.key)).classes(
                    "w-full"
                )


def general_tab(ed: Editor) -> None:
    with ui.row().classes("items-baseline gap-2"):
        ui.label(ed.t("centre.f.site")).classes("text-grey-8")
        ui.label(str(ed.form.data.get("site", ""))).classes("font-mono").props("data-testid=site")
    scalars(ed, SCALARS["general"])
    ui.separator().classes("q-my-md")
    simple_list(ed, "priority_groups", ["code", "name", "name_en"], "general")


def hours_tab(ed: Editor) -> None:
    rows = ed.form.hours_rows()

    def save_hours() -> None:
        ed.form.set_hours(rows)
        ed.changed(None)

    scalars(ed, SCALARS["hours"], 1)
    with ui.row().classes("w-full gap-12 items-start"):
        with ui.column():
            _weekdays(ed, rows, save_hours)
        with ui.column().classes("col"):
            _closed_days(ed)


def _weekdays(ed: Editor, rows: list[dict[str, Any]], save_hours: Any) -> None:
    ui.label(ed.t("centre.hours")).classes("text-subtitle1 text-weight-medium")
    with ui.grid(columns="8rem 6rem 9rem 9rem").classes("items-center gap-x-4 gap-y-1"):
        for r in rows:
            ui.label(ed.t(f"centre.day.{r['day']}"))
            ui.switch(
                value=r["open"], on_change=lambda e, r=r: (r.update(open=e.value), save_hours())
            )
            for end in ("opens", "closes"):
                ui.input(ed.t(f"centre.{end}"), value=r[end]).props(
                    f"outlined dense mask=time data-testid={r['day']}-{end}"
                ).bind_enabled_from(r, "open").on_value_change(
                    lambda e, r=r, end=end: (r.update({end: e.value}), save_hours())
                )


def _closed_days(ed: Editor) -> None:
    ui.label(ed.t("centre.closed_days")).classes("text-subtitle1 text-weight-medium")
    ui.label(ed.t("centre.closed_days.help")).classes("text-grey-8")
    problems = ed.said.rows("closed_days") if ed.said else {}

    @ui.refreshable
    def chips() -> None:
        with ui.row().classes("gap-1").props("data-testid=closed-days"):
            days = ed.form.closed_days()
            if not days:
                ui.label(ed.t("centre.closed_days.none")).classes("text-grey-6")
            for i, day in enumerate(days):
                ui.chip(
                    day,
                    icon="event_busy",
                    removable=True,
                    color="red-2" if i in problems else None,
                    on_value_change=lambda _, d=day: remove(d),
                )

    def remove(day: str) -> None:
        ed.form.remove_closed_day(day)
        ed.changed(None)
        chips.refresh()

    def add() -> None:
        if picker.value:
            ed.form.add_closed_day(picker.value)
            ed.changed(None)
            picker.value = ""
            chips.refresh()

    with ui.row().classes("items-center"):
        picker = ui.date_input(ed.t("centre.closed_days.pick")).props(
            "outlined dense data-testid=closed-day-input"
        )
        ui.button(ed.t("centre.closed_days.add"), icon="add", on_click=add).props("outline")
    chips()


def texts_tab(ed: Editor) -> None:
    scalars(ed, SCALARS["texts"], 2)


def ratings_tab(ed: Editor) -> None:
    simple_list(ed, "rating_levels", ["code", "name", "name_en", "low"], "ratings")
    ui.separator().classes("q-my-md")
    scalars(ed, SCALARS["ratings"], 2)


def alerts_tab(ed: Editor) -> None:
    ui.label(ed.t("centre.alerts.help")).classes("text-grey-8")
    scalars(ed, SCALARS["alerts"], 2)
