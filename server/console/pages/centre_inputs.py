"""The centre editor's building blocks: an input per spec (centre_specs), a table with
edit and remove buttons per row and the server's errors in the row, a dialog that edits
one item, a confirmation. No rule here: what is wrong is what the server said."""

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from nicegui import ui

from server.console.centre_specs import Spec


class Texts(Protocol):
    def __call__(self, key: str, **values: object) -> str: ...

    def has(self, key: str) -> bool: ...


OnChange = Callable[[Any], None]


def spec_input(
    spec: Spec, value: Any, on_change: OnChange, t: Texts, error: str | None = None
) -> ui.element:
    """One input for `spec`, showing `value`; `on_change(raw)` on every change."""
    label = t(spec.label) + (" *" if spec.required else "")
    hint = t(spec.label + ".hint") if t.has(spec.label + ".hint") else ""

    def changed(e: Any) -> None:
        on_change(e.value)

    el: ui.element
    if spec.kind == "bool":
        el = ui.switch(label, value=bool(value), on_change=changed)
    elif spec.kind == "choice":
        options = {c: t(f"{spec.label}.{c}") for c in spec.choices}
        el = ui.select(options, label=label, value=value or None, on_change=changed)
    elif spec.kind in ("int", "float"):
        el = ui.number(label, value=value, on_change=changed)
    elif spec.kind in ("area", "lines"):
        el = ui.textarea(label, value=value, on_change=changed).props("autogrow")
    elif spec.kind == "color":
        el = ui.color_input(label, value=value, on_change=changed, preview=True)
    else:
        el = ui.input(label, value=value, on_change=changed)
    if spec.kind != "bool":
        el.props("outlined dense stack-label").classes("centre-input")
        if hint:
            el.props["hint"] = hint
    el.props["data-key"] = spec.key
    show_error(el, error)
    return el


CSS = """
.centre-input.q-field--error { padding-bottom: 0; }
.centre-input.q-field--error .q-field__bottom { position: static; transform: none; }
"""


def show_error(el: ui.element, error: str | None) -> None:
    if error:
        el.props["error"] = True
        el.props["error-message"] = error
    else:
        el.props.pop("error", None)
        el.props.pop("error-message", None)
    el.update()


def problems_banner(lines: list[tuple[str, str]], t: Texts) -> None:
    """The server's errors of one tab, each as where › what, in its words."""
    if not lines:
        return
    with ui.card().classes("w-full bg-red-1 q-pa-sm").props("flat bordered") as card:
        card.props["data-testid"] = "problems"
        ui.label(t("centre.problems")).classes("text-negative text-weight-bold")
        for where, msg in lines:
            with ui.row().classes("gap-2 items-baseline no-wrap"):
                if where:
                    ui.label(where).classes("font-mono text-negative whitespace-nowrap")
                ui.label(msg).classes("text-negative")


def items_table(
    columns: list[tuple[str, str]],
    rows: list[dict[str, Any]],
    on_edit: Callable[[int], Any] | None,
    on_remove: Callable[[int], Any] | None,
    errors: dict[int, list[str]] | None = None,
    extra: tuple[str, str] | None = None,
    on_extra: Callable[[int], Any] | None = None,
    testid: str = "",
) -> ui.table:
    """A table of `rows` (each with its list `index`); `columns`: (row key, header). The
    actions column holds edit, an optional `extra` (icon, tooltip) and remove buttons; a
    row the server refused is red, its messages under it."""
    errors = errors or {}
    cols = [{"name": k, "label": h, "field": k, "align": "left"} for k, h in columns]
    cols.append({"name": "actions", "label": "", "field": "index", "align": "right"})
    data = [
        r | {"problems": " · ".join(errors.get(r["index"], [])), "key": r["index"]} for r in rows
    ]
    table = ui.table(columns=cols, rows=data, row_key="key").classes("w-full")
    table.props("flat bordered dense wrap-cells")
    if testid:
        table.props["data-testid"] = testid
    buttons = ""
    if on_edit:
        buttons += _button("edit", "edit", "")
    if extra:
        buttons += _button(extra[0], "extra", extra[1])
    if on_remove:
        buttons += _button("delete", "remove", "", "negative")
    table.add_slot(
        "body",
        r"""
        <q-tr :props="props" :class="props.row.problems ? 'bg-red-1' : ''"
              :data-row="props.row.id ?? props.row.code ?? props.row.index">
          <q-td v-for="col in props.cols" :key="col.name" :props="props">
            <template v-if="col.name === 'actions'">"""
        + buttons
        + r"""</template>
            <template v-else-if="col.name === 'color'">
              <span v-if="col.value" class="inline-block w-4 h-4 rounded align-middle"
                    :style="{background: col.value}"></span> {{ col.value }}
            </template>
            <template v-else-if="typeof col.value === 'boolean'">
              <q-icon v-if="col.value" name="check" />
            </template>
            <template v-else>{{ col.value }}</template>
          </q-td>
        </q-tr>
        <q-tr v-if="props.row.problems" :props="props" class="bg-red-1">
          <q-td colspan="100%" class="text-negative" data-testid="row-problem">
            <q-icon name="error" /> {{ props.row.problems }}
          </q-td>
        </q-tr>
        """,
    )
    for name, handler in (("edit", on_edit), ("extra", on_extra), ("remove", on_remove)):
        if handler is not None:
            table.on(name, lambda e, h=handler: _call(h, int(e.args)))
    return table


def _button(icon: str, event: str, tip: str, color: str = "primary") -> str:
    tooltip = f"<q-tooltip>{tip}</q-tooltip>" if tip else ""
    return (
        f'<q-btn flat dense round size="sm" icon="{icon}" color="{color}" '
        f'data-action="{event}" @click="() => $parent.$emit(\'{event}\', props.row.index)">'
        f"{tooltip}</q-btn>"
    )


async def _call(handler: Callable[[int], Any], index: int) -> None:
    result = handler(index)
    if isinstance(result, Awaitable):
        await result


def item_dialog(
    title: str,
    specs: tuple[Spec, ...],
    inputs: dict[str, Any],
    t: Texts,
    on_ok: Callable[[dict[str, Any]], Any],
    errors: dict[str, str] | None = None,
    extra: Callable[[], None] | None = None,
) -> ui.dialog:
    """A dialog with an input per spec (two columns), `extra` below them, OK and Cancel;
    OK hands the inputs (as edited) to `on_ok`, which updates the form."""
    values = dict(inputs)
    errors = errors or {}
    with ui.dialog() as dialog, ui.card().classes("w-[760px] max-w-full"):
        ui.label(title).classes("text-h6")
        with ui.grid(columns=2).classes("w-full gap-x-4 gap-y-1"):
            for spec in specs:
                if spec.heading:
                    ui.label(t(spec.heading)).classes(
                        "col-span-2 text-subtitle2 text-primary q-mt-sm"
                    ).props(f"data-heading={spec.heading}")
                wide = spec.wide or spec.kind in ("area", "lines", "words")
                with ui.element("div").classes("col-span-2" if wide else ""):
                    spec_input(
                        spec,
                        values[spec.key],
                        lambda v, k=spec.key: values.__setitem__(k, v),
                        t,
                        errors.get(spec.key),
                    ).classes("w-full")
        if extra:
            extra()
        with ui.row().classes("w-full justify-end"):
            ui.button(t("centre.cancel"), on_click=dialog.close).props("flat")

            async def ok() -> None:
                await _call(lambda _: on_ok(values), 0)
                dialog.close()

            ui.button(t("centre.ok"), on_click=ok).props("data-testid=ok")
    dialog.on("hide", dialog.delete)
    dialog.open()
    return dialog


def confirm(text: str, t: Texts, on_yes: Callable[[], Any], yes: str | None = None) -> None:
    with ui.dialog() as dialog, ui.card():
        ui.label(text)
        with ui.row().classes("w-full justify-end"):
            ui.button(t("centre.cancel"), on_click=dialog.close).props("flat")

            async def go() -> None:
                dialog.close()
                await _call(lambda _: on_yes(), 0)

            ui.button(yes or t("centre.remove"), on_click=go, color="negative").props(
                "data-testid=yes"
            )
    dialog.on("hide", dialog.delete)
    dialog.open()
