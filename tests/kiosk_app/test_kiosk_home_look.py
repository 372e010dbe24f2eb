"""The home screen for elderly eyes: the waiting count large enough to read, and each
field told apart by its colour and icon from the centre file."""

from __future__ import annotations

import pytest

from tests.kiosk_app.kiosk_helpers import WAIT_MS, reconfigure


def _luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast_with_white(hex_color: str) -> float:
    return 1.05 / (_luminance(hex_color) + 0.05)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_tiles_are_easy_to_read_and_to_tell_apart(qtbot, live_server, make_kiosk, size) -> None:
    reconfigure(
        live_server,
        **{
            "y-te": {"color": None, "icon": None},
            "xay-dung": {"color": "#FFEB3B"},
            "cong-thuong": {"closed": True},
        },
    )
    kiosk = make_kiosk(size=size)
    w = kiosk.window
    tiles = w.home.tiles
    qtbot.waitUntil(lambda: tiles["dat-dai"].subtitle() == "Đang chờ: 0", timeout=WAIT_MS)
    assert tiles["cong-thuong"].note() == "Tạm ngừng tiếp nhận"  # its reason, also large
    qtbot.wait(50)  # the grid has its final size
    for sid, tile in tiles.items():
        # "Đang chờ: 0" (or why a field is closed) is at least 24 px on a 1080p screen (it was 17).
        assert tile.small_text_px() >= 24, (sid, tile.small_text_px(), tile.size())
        # White icons on the colour band: contrast at least 4.5:1.
        assert tile.accent is not None and _contrast_with_white(tile.accent) >= 4.5, sid
        assert tile.icon
    # The centre file's colour and icon; a field without them gets a default.
    assert (tiles["dat-dai"].accent, tiles["dat-dai"].icon) == ("#8D5A00", "⌂")
    assert (tiles["tu-phap"].accent, tiles["tu-phap"].icon) == ("#6A1B9A", "⚖")
    assert tiles["y-te"].accent and tiles["y-te"].icon == "Y"
    # A pale colour in the centre file is darkened, not shown pale.
    assert tiles["xay-dung"].accent != "#FFEB3B"
    # Neighbours never share a colour.
    accents = [t.accent for t in tiles.values()]
    assert all(a != b for a, b in zip(accents, accents[1:], strict=False))
