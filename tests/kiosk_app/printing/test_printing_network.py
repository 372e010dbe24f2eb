"""Printing to a network printer that is really a socket server in this process."""

from __future__ import annotations

import time

import pytest
import zxingcpp

from kiosk_app.printing import (
    PrintError,
    Timeouts,
    decode,
    open_printer,
    print_ticket,
    render_ticket,
    sample_ticket,
)
from tests.kiosk_app.printing.printing_fakes import (
    CAUSE_COVER_OPEN,
    CAUSE_PAPER_END,
    OFFLINE,
    ONLINE,
    PAPER_NEAR_END,
    PAPER_OK,
    PAPER_OUT,
    FakePrinter,
    free_port,
)

pytestmark = pytest.mark.timeout(30)

# Short enough to keep the suite fast, long enough for a loaded CI machine.
FAST = Timeouts(connect=2.0, io=5.0, status=0.3, close=0.5)


def assert_is_ticket_job(data: bytes, width: int, url: str) -> None:
    job = decode(data)
    assert job.rasters, "no GS v 0 raster block in what the printer received"
    assert all(r.width_dots == width for r in job.rasters)
    assert job.cut_after_image()
    image = job.image()
    assert image is not None
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [url]


@pytest.mark.parametrize("width", [384, 576])
def test_printer_that_takes_everything_gets_the_whole_ticket(width: int) -> None:
    ticket = sample_ticket("vi")
    with FakePrinter() as fake:
        started = time.monotonic()
        assert print_ticket(fake.url, ticket, width, timeouts=FAST) is None
        elapsed = time.monotonic() - started
    assert len(fake.connections) == 1
    assert_is_ticket_job(fake.received, width, ticket.tracking_url)
    # It asked for the status first (DLE EOT 1), got no answer, and printed anyway.
    assert fake.received.startswith(b"\x10\x04\x01")
    assert elapsed < 3.0
    # What arrived is exactly what was rendered.
    arrived = decode(fake.received).image()
    assert arrived is not None
    assert arrived.tobytes() == render_ticket(ticket, width).tobytes()


def test_ipv6_printer() -> None:
    try:
        fake = FakePrinter(host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    ticket = sample_ticket("en")
    with fake:
        print_ticket(fake.url, ticket, 384, timeouts=FAST)
    assert_is_ticket_job(fake.received, 384, ticket.tracking_url)


def test_silent_printer_is_not_asked_for_status_before_every_job() -> None:
    img = render_ticket(sample_ticket("en"), 384)
    with FakePrinter() as fake:
        printer = open_printer(fake.url, width_dots=384, timeouts=FAST)
        printer.print_image(img)
        started = time.monotonic()
        printer.print_image(img)
        second = time.monotonic() - started
    assert len(fake.connections) == 2
    assert bytes(fake.connections[0]).startswith(b"\x10\x04\x01")
    assert bytes(fake.connections[1]).startswith(b"\x1b@")  # straight to ESC @ + image
    assert second < FAST.status + 0.5


def test_print_ticket_remembers_a_silent_printer_between_tickets() -> None:
    with FakePrinter() as fake:
        print_ticket(fake.url, sample_ticket(number="1"), 384, timeouts=FAST)
        print_ticket(fake.url, sample_ticket(number="2"), 384, timeouts=FAST)
    assert [bytes(c[:3]) for c in fake.connections] == [b"\x10\x04\x01", b"\x1b@\x1d"]


def test_connection_closed_mid_job_raises_print_error_not_a_hang() -> None:
    with FakePrinter(drop_after=300) as fake:
        printer = open_printer(fake.url, width_dots=576, timeouts=FAST)
        started = time.monotonic()
        with pytest.raises(PrintError) as info:
            printer.print_image(render_ticket(sample_ticket("vi"), 576))
        elapsed = time.monotonic() - started
    assert info.value.code == "io-error"
    assert "giữa chừng" in info.value.message_vi
    assert len(fake.received) == 300
    assert elapsed < FAST.io


def test_nothing_listening_is_offline_quickly() -> None:
    url = f"network://127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(PrintError) as info:
        print_ticket(url, sample_ticket("vi"), 384, timeouts=FAST)
    assert info.value.code == "offline"
    assert "từ chối" in info.value.message_vi
    assert time.monotonic() - started < 1.0
    st = open_printer(url, width_dots=384, timeouts=FAST).status()
    assert st.online is False and st.paper == "unknown" and st.detail


def test_unroutable_address_is_offline_within_the_connect_timeout() -> None:
    # TEST-NET-1 (RFC 5737): never routed; either it times out or the network says so.
    timeouts = Timeouts(connect=0.5, io=1.0, status=0.2, close=0.2)
    started = time.monotonic()
    with pytest.raises(PrintError) as info:
        print_ticket("network://192.0.2.1:9100", sample_ticket("vi"), 384, timeouts=timeouts)
    assert info.value.code == "offline"
    assert time.monotonic() - started < 3.0


def test_paper_out_is_reported_and_nothing_is_printed() -> None:
    answers = {1: OFFLINE, 2: CAUSE_PAPER_END, 4: PAPER_OUT}
    with FakePrinter(status=answers) as fake:
        printer = open_printer(fake.url, width_dots=384, timeouts=FAST)
        st = printer.status()
        assert st.online is False
        assert st.paper == "out"
        assert st.cover_open is False
        assert not st.ready
        with pytest.raises(PrintError) as info:
            printer.print_image(render_ticket(sample_ticket("vi"), 384))
    assert info.value.code == "paper-out"
    assert b"\x1dv0" not in fake.received, "image data was sent to a printer without paper"
    assert decode(fake.received).rasters == []


def test_cover_open_is_reported_before_printing() -> None:
    answers = {1: OFFLINE, 2: CAUSE_COVER_OPEN, 4: PAPER_OK}
    with FakePrinter(status=answers) as fake, pytest.raises(PrintError) as info:
        print_ticket(fake.url, sample_ticket("vi"), 576, timeouts=FAST)
    assert info.value.code == "cover-open"
    assert b"\x1dv0" not in fake.received


def test_paper_near_end_still_prints_and_says_so() -> None:
    ticket = sample_ticket("en")
    with FakePrinter(status={1: ONLINE, 4: PAPER_NEAR_END}) as fake:
        printer = open_printer(fake.url, width_dots=576, timeouts=FAST)
        seen = printer.print_image(render_ticket(ticket, 576))
    assert seen.online is True
    assert seen.paper == "near-end"
    assert seen.ready
    assert_is_ticket_job(fake.received, 576, ticket.tracking_url)


def test_answering_printer_status_is_fast_and_exact() -> None:
    with FakePrinter(status={1: ONLINE, 4: PAPER_OK}) as fake:
        printer = open_printer(fake.url, width_dots=384, timeouts=FAST)
        started = time.monotonic()
        st = printer.status()
        elapsed = time.monotonic() - started
    assert (st.online, st.paper, st.cover_open) == (True, "ok", None)
    assert elapsed < FAST.status  # answered: no waiting for a timeout


def test_silent_printer_status_is_unknown_not_offline() -> None:
    with FakePrinter() as fake:
        st = open_printer(fake.url, width_dots=384, timeouts=FAST).status()
    assert st.online is None
    assert st.paper == "unknown"
    assert st.ready
