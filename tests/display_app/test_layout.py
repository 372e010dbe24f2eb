"""Pure parts of the display: grid shape and what a tile says (no server, no Qt loop)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from clientkit import i18n
from clientkit.model import HallModel
from display_app.board import grid_shape
from display_app.strings import format_date
from display_app.views import Names, TileState, tile_view
from protocol import CounterState, CounterStatus, TicketPublic, TicketStatus


@pytest.mark.parametrize(
    ("count", "expected"), [(21, (3, 7)), (40, (4, 10)), (1, (1, 1)), (4, (1, 4))]
)
def test_grid_shape_gives_the_tallest_numbers(count, expected):
    # Wide tiles (counter block + number side by side) in few columns: 4-digit numbers
    # need width more than height.
    assert grid_shape(count, 1300, 760, gap=10) == expected


def _counter(status: CounterStatus, ticket: TicketStatus | None = None) -> CounterState:
    current = None
    if ticket is not None:
        current = TicketPublic(
            id=1,
            number="1023",
            service_id="dat-dai",
            status=ticket,
            issued_at=datetime(2025, 7, 14, 2, tzinfo=UTC),
            counter_id=5,
        )
    return CounterState(id=5, name="Quầy 5", services=["dat-dai"], status=status, current=current)


@pytest.mark.parametrize(
    ("status", "ticket", "state", "text"),
    [
        (CounterStatus.OPEN, TicketStatus.CALLED, TileState.CALLED, "1023"),
        (CounterStatus.OPEN, TicketStatus.SERVING, TileState.SERVING, "1023"),
        (CounterStatus.OPEN, None, TileState.IDLE, "—"),
        (CounterStatus.PAUSED, TicketStatus.SERVING, TileState.PAUSED, "Tạm nghỉ"),
        (CounterStatus.CLOSED, None, TileState.CLOSED, "Đóng"),
    ],
)
def test_a_tile_says_what_the_counter_is_doing(status, ticket, state, text):
    view = tile_view(_counter(status, ticket), Names(None, HallModel()))
    assert (view.state, view.big_text, view.title) == (state, text, "Quầy 5")
    assert view.fields == "dat-dai"  # no catalog or snapshot yet: the id, not nothing


def test_dates_in_both_languages():
    monday = datetime(2025, 7, 14, 9, 41)
    assert format_date(monday) == "Thứ Hai, 14/07/2025"
    i18n.set_language("en")
    try:
        assert format_date(monday) == "Monday, 14 July 2025"
    finally:
        i18n.set_language("vi")
