"""file://, and what usb://, serial://, cups:// do on a machine without the hardware."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from pathlib import Path

import pytest
import zxingcpp

from kiosk_app.printing import PrintError, Timeouts, decode, open_printer, print_ticket
from kiosk_app.printing.ticket import sample_ticket

pytestmark = pytest.mark.timeout(30)

F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def test_file_printer_writes_the_job(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    target.touch()
    ticket = sample_ticket("vi")
    assert print_ticket(f"file://{target}", ticket, 384) is None
    job = decode(target.read_bytes())
    image = job.image()
    assert image is not None and job.cut_after_image()
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [ticket.tracking_url]
    st = open_printer(f"file://{target}", width_dots=384).status()
    assert (st.online, st.paper) == (None, "unknown")


def test_missing_device_file_is_offline(tmp_path: Path) -> None:
    with pytest.raises(PrintError) as info:
        print_ticket(f"file://{tmp_path}/no/such/lp0", sample_ticket(), 384)
    assert info.value.code == "offline"


def test_device_that_stops_taking_data_times_out_instead_of_hanging(tmp_path: Path) -> None:
    """Like /dev/usb/lp0 with the paper out: writes block. Here: a FIFO nobody drains."""
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # open, but never read
    try:
        # Shrink the pipe so the job cannot fit in it whatever the system default is.
        fcntl.fcntl(reader, F_SETPIPE_SZ, 4096)
        timeouts = Timeouts(connect=1.0, io=0.5, status=0.2, close=0.2)
        started = time.monotonic()
        with pytest.raises(PrintError) as info:
            print_ticket(f"file://{fifo}", sample_ticket(), 576, timeouts=timeouts)
        elapsed = time.monotonic() - started
    finally:
        os.close(reader)
    assert info.value.code == "timeout"
    assert elapsed < 3.0


def test_slow_device_that_keeps_reading_is_not_a_timeout(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    fcntl.fcntl(reader, F_SETPIPE_SZ, 4096)
    got = bytearray()
    done = threading.Event()

    def drain() -> None:  # a printer taking 4 KB every 20 ms: slow, but alive
        while not done.is_set():
            with contextlib.suppress(BlockingIOError):  # nothing to read yet
                got.extend(os.read(reader, 4096))
            time.sleep(0.02)

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    try:
        timeouts = Timeouts(connect=1.0, io=0.5, status=0.2, close=0.2)
        data = print_ticket("dummy://", sample_ticket(), 384)
        print_ticket(f"file://{fifo}", sample_ticket(), 384, timeouts=timeouts)
        time.sleep(0.1)
    finally:
        done.set()
        thread.join(timeout=2)
        os.close(reader)
    assert bytes(got) == data


@pytest.mark.parametrize(
    "url", ["usb://04b8:0202", "serial:///dev/ttyMOTCUA_NONE?baudrate=19200", "cups://no_queue"]
)
def test_unavailable_local_printers_fail_cleanly(url: str) -> None:
    """Without pyusb/pyserial/pycups: "driver-missing"; with them, no such device: "offline"."""
    printer = open_printer(url, width_dots=384, timeouts=Timeouts(1.0, 1.0, 0.2, 0.2))
    with pytest.raises(PrintError) as info:
        print_ticket(url, sample_ticket(), 384, timeouts=Timeouts(1.0, 1.0, 0.2, 0.2))
    assert info.value.code in {"driver-missing", "offline"}
    st = printer.status()  # never raises
    assert st.paper == "unknown" and st.detail
