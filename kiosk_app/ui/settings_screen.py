"""Staff settings (behind the PIN): server, device token, printer, paper, language.

Two pages, so that each fits a small kiosk screen with touch-sized keys: the overview
(every value as a row to tap, the paper and language toggles, the actions) and the
editor (one value, the on-screen keyboard). Nothing is applied until "Lưu", and only
if valid: a mistyped server address must not cut the kiosk off with no way to see why.
Each value says where it came from (command line, saved here, default): a value the
command line gives comes back at the next start, whatever is saved here.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QStackedWidget, QWidget

from clientkit import i18n, theme
from clientkit.device_config import DEFAULT, GIVEN, PAPER_WIDTHS_MM, SAVED, DeviceConfig
from kiosk_app.printing import PrinterUrlError, parse_printer_url
from kiosk_app.ui.card_button import CardButton
from kiosk_app.ui.common import Screen, bar_button, centered, text_label
from kiosk_app.ui.keyboard import OnScreenKeyboard

TEXT_FIELDS = ("server", "token", "printer")
# The config's field behind each value of the screen (its label: kiosk.settings.<name>).
CONFIG_FIELDS = {
    "server": "server_url",
    "token": "token",
    "printer": "printer_url",
    "paper": "paper_width_mm",
    "language": "language",
}
_ORIGIN_KEYS = {GIVEN: "given", SAVED: "saved", DEFAULT: "default"}


def origin_text(config: DeviceConfig | None, name: str) -> str:
    """Where the value `name` ("printer", "paper"…) came from, for staff: "dòng lệnh",
    "đã lưu trên máy", "mặc định", or the environment variable that gave it."""
    source = (config.sources if config else {}).get(CONFIG_FIELDS[name], "")
    if source in _ORIGIN_KEYS:
        return i18n.tr(f"kiosk.settings.from.{_ORIGIN_KEYS[source]}")
    return source


def _masked(token: str) -> str:
    return f"{token[:4]}…{token[-4:]}" if len(token) > 10 else "•" * len(token)


class SettingsScreen(Screen):
    """Signals: saved(object DeviceConfig), closed(), quit_requested(),
    change_pin_requested(), test_print_requested()."""

    saved = Signal(object)
    closed = Signal()
    quit_requested = Signal()
    change_pin_requested = Signal()
    test_print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config: DeviceConfig | None = None
        self.values: dict[str, str] = {name: "" for name in TEXT_FIELDS}
        self.editing: str | None = None
        self.pages = QStackedWidget()
        self.overview = QWidget()
        self.editor = QWidget()
        self.pages.addWidget(self.overview)
        self.pages.addWidget(self.editor)
        self.body.addWidget(self.pages, 1)
        self._build_overview()
        self._build_editor()
        self.retranslate()

    # ---- overview page ---------------------------------------------------------------

    def _build_overview(self) -> None:
        page = Screen(self.overview)
        page.body.setContentsMargins(0, 0, 0, 0)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.title = text_label(theme.Sizes.TITLE, bold=True)
        self.rows: dict[str, CardButton] = {}
        for i, name in enumerate(TEXT_FIELDS):
            row = CardButton(centered=False, title_px=24)
            row.setMinimumHeight(84)
            row.clicked.connect(lambda _=False, n=name: self.edit(n))
            grid.addWidget(row, i // 2, i % 2)
            self.rows[name] = row
        self.paper_buttons = {mm: self._toggle(f"{mm} mm") for mm in PAPER_WIDTHS_MM}
        self.lang_buttons = {"vi": self._toggle("Tiếng Việt"), "en": self._toggle("English")}
        for mm, b in self.paper_buttons.items():
            b.clicked.connect(lambda _=False, v=mm: self._pick(self.paper_buttons, v))
        for code, b in self.lang_buttons.items():
            b.clicked.connect(lambda _=False, v=code: self._pick(self.lang_buttons, v))
        self.paper_label = text_label(theme.Sizes.BODY, bold=True)
        self.lang_label = text_label(theme.Sizes.BODY, bold=True)
        toggles = QGridLayout()
        toggles.setSpacing(12)
        toggles.addWidget(self.paper_label, 0, 0)
        toggles.addWidget(self.lang_label, 0, 1)
        for col, buttons in enumerate((self.paper_buttons, self.lang_buttons)):
            host = QWidget()
            row = QGridLayout(host)
            row.setContentsMargins(0, 0, 0, 0)
            for j, b in enumerate(buttons.values()):
                row.addWidget(b, 0, j)
            toggles.addWidget(host, 1, col)
        grid.addLayout(toggles, 1, 1)
        self.status = text_label(theme.Sizes.BODY, muted=True)
        self.message = text_label(theme.Sizes.BODY, bold=True)
        self.close_button = bar_button()
        self.test_button = bar_button()
        self.pin_button = bar_button()
        self.quit_button = bar_button("danger")
        self.save_button = bar_button("success")
        self._actions = (
            self.close_button, self.test_button, self.pin_button, self.quit_button,
            self.save_button,
        )  # fmt: skip
        self.close_button.clicked.connect(self.closed)
        self.test_button.clicked.connect(self.test_print_requested)
        self.pin_button.clicked.connect(self.change_pin_requested)
        self.quit_button.clicked.connect(self.quit_requested)
        self.save_button.clicked.connect(self._save)
        page.body.addWidget(self.title)
        page.body.addWidget(grid_host)
        page.body.addWidget(self.status)
        page.body.addWidget(self.message)
        page.body.addStretch(1)
        page.bar(
            self.close_button, self.test_button, self.pin_button, self.quit_button, self.save_button
        )
        holder = QGridLayout(self.overview)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(page)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        px = theme.Sizes.BODY if self.width() >= 1300 else theme.Sizes.SMALL  # five in a row
        for b in self._actions:
            b.setStyleSheet(f"font-size: {px}px;")

    def _toggle(self, text: str) -> QPushButton:
        b = QPushButton(text)
        b.setCheckable(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return b

    @staticmethod
    def _pick(buttons: dict, value: object) -> None:  # type: ignore[type-arg]
        for key, b in buttons.items():
            b.setChecked(key == value)
            b.setProperty("variant", "primary" if key == value else "secondary")
            b.style().unpolish(b)
            b.style().polish(b)

    # ---- editor page -----------------------------------------------------------------

    def _build_editor(self) -> None:
        page = Screen(self.editor)
        page.body.setContentsMargins(0, 0, 0, 0)
        self.edit_title = text_label(theme.Sizes.TITLE, bold=True)
        self.line = QLineEdit()
        self.line.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.line.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px;")
        self.line.returnPressed.connect(self.finish_edit)
        self.keyboard = OnScreenKeyboard("text")
        self.keyboard.set_target(self.line)
        self.keyboard.setMaximumWidth(1300)
        self.edit_cancel = bar_button()
        self.edit_done = bar_button("primary")
        self.edit_cancel.clicked.connect(lambda: self.pages.setCurrentWidget(self.overview))
        self.edit_done.clicked.connect(self.finish_edit)
        page.body.addWidget(self.edit_title)
        page.body.addWidget(self.line)
        page.body.addStretch(1)
        page.body.addLayout(centered(self.keyboard), 6)  # keys grow up to their limit
        page.body.addStretch(1)
        page.bar(self.edit_cancel, self.edit_done, stretch_after=0)
        holder = QGridLayout(self.editor)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(page)

    def edit(self, name: str) -> None:
        """Open the editor for "server", "token" or "printer"."""
        self.editing = name
        self.edit_title.setText(i18n.tr(f"kiosk.settings.{name}"))
        self.line.setText(self.values[name])
        self.pages.setCurrentWidget(self.editor)
        self.line.setFocus()

    def finish_edit(self) -> None:
        if self.editing is not None:
            self.values[self.editing] = self.line.text().strip()
        self.editing = None
        self.pages.setCurrentWidget(self.overview)
        self._show_values()

    # ---- load / save -----------------------------------------------------------------

    def load(self, config: DeviceConfig, status: str = "") -> None:
        self.config = config
        self.values = {
            "server": config.server_url,
            "token": config.token or "",
            "printer": config.printer_url,
        }
        self._pick(self.paper_buttons, config.paper_width_mm)
        self._pick(self.lang_buttons, config.language)
        self.status.setText(status)
        self.message.setText("")
        self.pages.setCurrentWidget(self.overview)
        self._show_values()

    def show_message(self, text: str, ok: bool = True) -> None:
        color = theme.current.success if ok else theme.current.danger
        self.message.setStyleSheet(f"font-weight: bold; color: {color};")
        self.message.setText(text)

    def _save(self) -> None:
        if self.config is None:
            return
        new = copy.deepcopy(self.config)
        new.server_url = self.values["server"].rstrip("/")
        new.token = self.values["token"] or None
        new.printer_url = self.values["printer"]
        new.paper_width_mm = next(mm for mm, b in self.paper_buttons.items() if b.isChecked())
        new.language = next(code for code, b in self.lang_buttons.items() if b.isChecked())
        problems = [f"{k}: {v}" for k, v in new.problems().items()]
        try:
            parse_printer_url(new.printer_url)
        except PrinterUrlError as exc:
            problems.append(f"printer_url: {exc}")
        if problems:
            self.show_message(i18n.tr("kiosk.settings.invalid", why="; ".join(problems)), ok=False)
            return
        self.config = new
        self.saved.emit(new)

    def _show_values(self) -> None:
        for name, row in self.rows.items():
            value = self.values[name]
            shown = _masked(value) if name == "token" else value
            origin = origin_text(self.config, name)
            row.set_texts(
                i18n.tr(f"kiosk.settings.{name}"),
                f"{shown or '—'}  ({origin})" if origin else shown or "—",
            )
        for name, label in (("paper", self.paper_label), ("language", self.lang_label)):
            origin = origin_text(self.config, name)
            text = i18n.tr(f"kiosk.settings.{name}")
            label.setText(f"{text} ({origin})" if origin else text)

    def retranslate(self) -> None:
        self.title.setText(i18n.tr("kiosk.settings.title"))
        self.close_button.setText(i18n.tr("kiosk.settings.close"))
        self.test_button.setText(i18n.tr("kiosk.settings.test_print"))
        self.pin_button.setText(i18n.tr("kiosk.settings.change_pin"))
        self.quit_button.setText(i18n.tr("kiosk.settings.quit"))
        self.save_button.setText(i18n.tr("kiosk.settings.save"))
        self.edit_cancel.setText("‹ " + i18n.tr("kiosk.pin.cancel"))
        self.edit_done.setText(i18n.tr("kiosk.pin.ok"))
        self._show_values()
        if self.editing is not None:
            self.edit_title.setText(i18n.tr(f"kiosk.settings.{self.editing}"))
