""" "Xem thông tin thủ tục": what to bring for a procedure (thành phần hồ sơ), its fee,
the time for the result, and the national portal's page of it as a QR code the citizen
scans with their phone. Read from the catalog the kiosk already has (the centre file's
procedure information); the citizen can take the number from here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clientkit import i18n, theme
from kiosk_app.ui.common import Screen, bar_button, text_label
from kiosk_app.ui.qr_view import QrView
from protocol.snapshot import ProcedureInfo

QR_PX = 300


def has_info(p: ProcedureInfo | None) -> bool:
    return p is not None and bool(p.documents or p.fee or p.result_time or p.portal_url)


class ProcedureInfoScreen(Screen):
    """Signals: take() — a number for this procedure; back()."""

    take = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.procedure: ProcedureInfo | None = None
        self.field_names: tuple[str, str | None] = ("", None)
        self.field_label = text_label(theme.Sizes.LARGE, muted=True)
        self.title = text_label(theme.Sizes.TITLE, bold=True)
        self.documents_title = text_label(theme.Sizes.LARGE, bold=True)
        self.documents = QWidget()  # one row per document: its number, its words
        self.documents_grid = QGridLayout(self.documents)
        self.documents_grid.setContentsMargins(0, 0, 0, 0)
        self.documents_grid.setHorizontalSpacing(12)
        self.documents_grid.setColumnStretch(1, 1)
        self.fee_title = text_label(theme.Sizes.BODY, muted=True)
        self.fee = text_label(theme.Sizes.LARGE, bold=True)
        self.result_title = text_label(theme.Sizes.BODY, muted=True)
        self.result = text_label(theme.Sizes.LARGE, bold=True)
        self.none = text_label(theme.Sizes.LARGE, muted=True)
        self.qr = QrView()
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr_caption = text_label(theme.Sizes.BODY, muted=True, center=True)
        self.qr_caption.setFixedWidth(QR_PX + 40)
        self.back_button = bar_button()
        self.back_button.clicked.connect(self.back)
        self.take_button = bar_button("success")
        self.take_button.clicked.connect(self.take)

        text = QWidget()
        column = QVBoxLayout(text)
        column.setContentsMargins(0, 0, 16, 0)
        column.setSpacing(10)
        for w in (self.documents_title, self.documents, self.fee_title, self.fee):
            column.addWidget(w)
        for w in (self.result_title, self.result, self.none):
            column.addWidget(w)
        column.addStretch(1)
        scroll = QScrollArea()  # a long list of documents scrolls, the QR stays
        scroll.setWidget(text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.qr_box = QWidget()
        qr_column = QVBoxLayout(self.qr_box)
        qr_column.setContentsMargins(0, 0, 0, 0)
        qr_column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_column.addWidget(self.qr_caption, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_column.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(scroll, 1)
        row.addWidget(self.qr_box, 0)
        self.body.addWidget(self.field_label)
        self.body.addWidget(self.title)
        self.body.addLayout(row, 1)
        self.bar(self.back_button, self.take_button, stretch_after=0)
        self.retranslate()

    def show_procedure(
        self, field_name: str, field_name_en: str | None, procedure: ProcedureInfo
    ) -> None:
        self.field_names, self.procedure = (field_name, field_name_en), procedure
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText("‹ " + i18n.tr("kiosk.back"))
        self.take_button.setText(i18n.tr("kiosk.take.button"))
        self.documents_title.setText(i18n.tr("kiosk.info.documents"))
        self.fee_title.setText(i18n.tr("kiosk.info.fee"))
        self.result_title.setText(i18n.tr("kiosk.info.result_time"))
        self.none.setText(i18n.tr("kiosk.info.none"))
        self.qr_caption.setText(i18n.tr("kiosk.info.portal"))
        p = self.procedure
        if p is None:
            return
        self.field_label.setText(i18n.pick(*self.field_names))
        self.title.setText(p.name)
        self._documents(p.documents)
        for widget, shown in (
            (self.documents_title, bool(p.documents)),
            (self.documents, bool(p.documents)),
            (self.fee_title, bool(p.fee)),
            (self.fee, bool(p.fee)),
            (self.result_title, bool(p.result_time)),
            (self.result, bool(p.result_time)),
            (self.none, not has_info(p)),
            (self.qr_box, bool(p.portal_url)),
        ):
            widget.setVisible(shown)
        self.fee.setText(p.fee or "")
        self.result.setText(p.result_time or "")
        if self.qr.data() != (p.portal_url or ""):
            self.qr.set_data(p.portal_url or "")

    def _documents(self, documents: list[str]) -> None:
        while self.documents_grid.count():
            item = self.documents_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for i, text in enumerate(documents):
            number = text_label(theme.Sizes.LARGE, bold=True)
            number.setText(f"{i + 1}.")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            line = text_label(theme.Sizes.LARGE)
            line.setText(text)
            self.documents_grid.addWidget(number, i, 0)
            self.documents_grid.addWidget(line, i, 1)

    def documents_text(self) -> list[str]:
        """The documents as shown, one per row."""
        rows = self.documents_grid.rowCount() if self.documents_grid.count() else 0
        out = []
        for i in range(rows):
            item = self.documents_grid.itemAtPosition(i, 1)
            if item is not None and isinstance(item.widget(), QLabel):
                out.append(item.widget().text())
        return out
