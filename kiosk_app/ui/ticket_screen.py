"""The issued ticket on screen: the number, where it stands, and its QR code.

Shown as soon as the server answers, while the paper prints, and kept when printing
fails: the number and the QR code of the tracking page are then all the citizen has,
so the screen says so plainly and stays up longer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.printing.labels import people_ahead_line, wait_line
from kiosk_app.ui.common import Screen, bar_button, restyle, text_label
from kiosk_app.ui.qr_view import QrView
from protocol import TicketIssued

PRINTING, PRINTED, FAILED = "printing", "printed", "failed"
NUMBER_PX = 220  # on a 1080-pixel-high screen; smaller screens scale it down
DESIGN_HEIGHT = 968  # the screen's height on a 1080p kiosk, under the header


class TicketScreen(Screen):
    """Signals: done()."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket: TicketIssued | None = None
        self.field_name = ""
        self.priority_name = ""
        self.print_state = PRINTING
        self.print_error: str | None = None  # the printer's error code when FAILED
        self._seconds_left = 0
        self.your_label = text_label(theme.Sizes.TITLE, bold=True, muted=True, center=True)
        self.number_label = QLabel()
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._number_px = 0
        self._set_number_px(NUMBER_PX)
        self.field_label = text_label(48, bold=True, center=True)
        self.procedure_label = text_label(theme.Sizes.LARGE, center=True)
        self.priority_label = text_label(
            theme.Sizes.LARGE, bold=True, color=theme.current.on_accent, center=True, wrap=False
        )
        self.priority_label.setStyleSheet(
            self.priority_label.styleSheet()
            + f" background: {theme.current.warning}; border-radius: 10px; padding: 8px 20px;"
        )
        # What the server says with this number (a booking checked in late or early).
        self.notice_label = text_label(theme.Sizes.LARGE, bold=True, center=True)
        self.notice_label.setStyleSheet(
            self.notice_label.styleSheet()
            + f" color: {theme.current.on_accent}; background: {theme.current.warning};"
            " border-radius: 10px; padding: 10px 16px;"
        )
        self.notice_label.setWordWrap(True)
        self.ahead_label = text_label(theme.Sizes.TITLE - 4, center=True)
        self.wait_label = text_label(theme.Sizes.TITLE - 4, center=True)
        self.qr = QrView()
        self.qr.setMinimumSize(200, 200)
        self.qr_caption = text_label(theme.Sizes.BODY, muted=True, center=True)
        self.print_label = text_label(theme.Sizes.LARGE, bold=True, center=True)
        self.countdown_label = text_label(theme.Sizes.BODY, muted=True)
        self.done_button = bar_button("primary")
        self.done_button.clicked.connect(self.done)
        self._scale = 1.0
        # Text sizes at DESIGN_HEIGHT; a smaller screen (1366×768 kiosks) scales them.
        self._base_px = {
            self.your_label: theme.Sizes.TITLE,
            self.field_label: 48,
            self.procedure_label: theme.Sizes.LARGE,
            self.priority_label: theme.Sizes.LARGE,
            self.notice_label: theme.Sizes.LARGE,
            self.ahead_label: theme.Sizes.TITLE - 4,
            self.wait_label: theme.Sizes.TITLE - 4,
        }

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addStretch(1)
        for w in (self.your_label, self.number_label, self.field_label, self.procedure_label):
            left.addWidget(w)
        left.addWidget(self.priority_label, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addWidget(self.notice_label)
        left.addSpacing(12)
        left.addWidget(self.ahead_label)
        left.addWidget(self.wait_label)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addStretch(1)
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.qr_caption)
        right.addSpacing(12)
        right.addWidget(self.print_label)
        right.addStretch(1)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(40)
        self.columns.addLayout(left, 3)
        self.columns.addLayout(right, 2)
        self.body.addLayout(self.columns, 1)
        bar = self.bar(self.countdown_label, self.done_button)
        bar.setStretch(0, 2)
        self.retranslate()

    def show_ticket(self, ticket: TicketIssued, field_name: str, priority_name: str) -> None:
        self.ticket, self.field_name, self.priority_name = ticket, field_name, priority_name
        self.number_label.setText(ticket.number)
        self.qr.set_data(ticket.tracking_url)
        self.set_print_state(PRINTING)
        self.retranslate()

    def set_print_state(self, state: str, error: str | None = None) -> None:
        self.print_state = state
        self.print_error = error if state == FAILED else None
        c = theme.current
        background, ink = {
            PRINTING: (c.surface, c.text),
            PRINTED: (c.success, c.on_accent),
            FAILED: (c.danger, c.on_accent),
        }[state]
        px = max(theme.Sizes.BODY - 2, int(theme.Sizes.LARGE * self._scale))
        self.print_label.setStyleSheet(
            f"font-size: {px}px; font-weight: bold; color: {ink};"
            f" background: {background}; border-radius: 12px; padding: 16px;"
        )
        self._print_text()

    def set_countdown(self, seconds: int) -> None:
        self._seconds_left = seconds
        self.countdown_label.setText(
            i18n.tr("kiosk.ticket.countdown", n=seconds) if seconds > 0 else ""
        )

    def _print_text(self) -> None:
        key = {
            PRINTING: "kiosk.ticket.printing",
            PRINTED: "kiosk.ticket.printed",
            FAILED: "kiosk.ticket.print_failed",
        }[self.print_state]
        if self.print_state == FAILED and self.print_error == "paper-out":
            key += ".paper-out"
        self.print_label.setText(i18n.tr(key))

    def _set_number_px(self, px: int) -> None:
        if px == self._number_px:
            return
        self._number_px = px
        self.number_label.setStyleSheet(
            f"font-size: {px}px; font-weight: bold; color: {theme.current.primary};"
        )
        self.number_label.setFont(theme.font(px, bold=True))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        portrait = self.height() > self.width() * 1.2
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        scale = 1.0 if portrait else max(0.55, min(1.0, self.height() / DESIGN_HEIGHT))
        if scale != self._scale:
            self._scale = scale
            for label, px in self._base_px.items():
                restyle(label, int(px * scale))
            self.set_print_state(self.print_state, self.print_error)
        self._set_number_px(int(NUMBER_PX * scale))
        if portrait:
            side = max(240, min(440, self.width() // 3, self.height() // 5))
        else:
            side = max(200, min(440, self.height() * 10 // 26))
        self.qr.setFixedSize(side, side)

    def retranslate(self) -> None:
        lang = "en" if i18n.language() == "en" else "vi"
        self.your_label.setText(i18n.tr("kiosk.ticket.your_number"))
        self.qr_caption.setText(i18n.tr("kiosk.ticket.qr"))
        self.done_button.setText(i18n.tr("kiosk.ticket.done"))
        self.set_countdown(self._seconds_left)
        t = self.ticket
        if t is not None:
            self.field_label.setText(self.field_name)
            procedure = t.procedure_name or ""
            if t.appointment_code:
                appt = i18n.tr("kiosk.ticket.appointment", code=t.appointment_code)
                procedure = f"{procedure} · {appt}" if procedure else appt
            self.procedure_label.setText(procedure)
            self.procedure_label.setVisible(bool(procedure))
            self.priority_label.setText(self.priority_name)
            self.priority_label.setVisible(bool(self.priority_name))
            self.notice_label.setText(t.notice or "")
            self.notice_label.setVisible(bool(t.notice))
            self.ahead_label.setText(people_ahead_line(lang, t.ahead))
            self.wait_label.setText(wait_line(lang, t.estimated_wait_s))
        self._print_text()
