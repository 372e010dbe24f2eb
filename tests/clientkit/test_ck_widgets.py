"""Shared widgets, theme and app set-up (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from clientkit.errors import ApiError
from clientkit.qtapp import make_app, show_fullscreen_or_window
from clientkit.widgets import BigButton, ConnectionBadge, Toast


@pytest.fixture(autouse=True)
def themed(qapp):
    make_app(quit_on_sigint=False)
    yield
    i18n.set_language("vi")


def ink(widget: QWidget) -> int:
    """How many pixels differ from the top-left one: 0 means nothing was drawn."""
    image = widget.grab().toImage()
    bg = image.pixel(0, 0)
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) != bg
    )


def test_fonts_are_the_shipped_ones(qapp):
    families = theme.register_fonts()
    assert "DejaVu Sans" in families and theme.register_fonts() == families
    assert QFontInfo(theme.font(30, bold=True)).family() == "DejaVu Sans"
    assert QFontInfo(qapp.font()).family() == "DejaVu Sans"
    # Every Vietnamese letter has a glyph in it.
    metrics = QFontMetrics(theme.font(30))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "ăâđêôơưẠẢẤẦẨẪẬắằẳẵặếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵ")


def test_fit_font_fits():
    f = theme.fit_font("1023", 300, 200)
    metrics = QFontMetrics(f)
    assert metrics.horizontalAdvance("1023") <= 300 and metrics.height() <= 200
    assert f.pixelSize() > 50
    assert theme.scaled_px(1080, 0.12) == 129 and theme.scaled_px(10, 0.1) == 12


def test_connection_badge(qtbot):
    badge = ConnectionBadge()
    qtbot.addWidget(badge)
    badge.show()
    assert badge.state == "connecting" and badge.text() == "Đang kết nối lại…"
    badge.set_state("online")
    assert badge.text() == "Đã kết nối"
    badge.set_state("offline")
    assert badge.text() == "Mất kết nối"
    assert badge._dot.color == QColor(theme.current.danger)
    i18n.set_language("en")
    assert badge.text() == "Connection lost"
    badge.set_state("weird")
    assert badge.state == "offline"
    assert ink(badge) > 50


def test_quiet_badge_shows_only_the_dot_when_online(qtbot):
    badge = ConnectionBadge("online", quiet_when_online=True)
    qtbot.addWidget(badge)
    badge.show()
    assert not badge._label.isVisible()
    badge.set_state("offline")
    assert badge._label.isVisible()


def test_big_button(qtbot):
    clicked = []
    button = BigButton("Gọi số tiếp", "F2")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: clicked.append(1))
    button.show()
    qtbot.waitExposed(button)
    assert button.height() >= theme.TOUCH_MIN_PX and button.width() >= theme.TOUCH_MIN_PX
    assert button.shortcut_text == "F2" and button.shortcut().toString() == "F2"
    assert button.property("variant") == "primary"
    button.click()
    assert clicked == [1]
    button.set_variant("danger")
    assert button.property("variant") == "danger"
    with pytest.raises(ValueError):
        button.set_variant("pink")
    button.setText("Call &next")  # a retranslation with a mnemonic must not steal F2
    assert button.shortcut().toString() == "F2"
    button.set_shortcut(None)
    assert button.shortcut_text == ""


def test_toast_shows_the_error_title_then_hides(qtbot):
    screen = QWidget()
    qtbot.addWidget(screen)
    screen.resize(800, 600)
    screen.show()
    toast = Toast(screen)
    err = ApiError("queue-empty", "Không còn công dân nào đang chờ", 409)
    toast.show_error(err, timeout_s=0.2)
    assert toast.isVisible() and toast.text() == err.title and toast.kind == "error"
    assert toast.geometry().bottom() < screen.height()
    assert toast.geometry().left() >= 0 and toast.width() <= screen.width()
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=2000)
    toast.show_error(ApiError.network())
    assert toast.kind == "warning" and "Không kết nối" in toast.text()
    qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)  # a tap closes it
    assert not toast.isVisible()
    toast.show_message("Đã in số", "success", timeout_s=0)
    screen.resize(400, 300)
    qtbot.wait(10)
    assert toast.width() <= 400 and toast.isVisible()


def test_show_window(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    show_fullscreen_or_window(w, False, size=(640, 480))
    assert w.isVisible() and w.size().width() == 640
