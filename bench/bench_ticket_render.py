"""Time to turn one ticket into printer bytes: render_ticket + ESC/POS job to dummy://.

Prints one JSON line, e.g.
{"bench": "ticket_render", "width": 576, "median_ms": 21.3, "p99_ms": 25.0, "n": 200}

Run: .venv/bin/python bench/bench_ticket_render.py [--width 576] [-n 200]
The first (cold) call, which loads the fonts, is reported apart as "cold_ms", and the
median CPU time as "cpu_median_ms" (steadier than wall time on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk_app.printing import open_printer, render_ticket, sample_ticket  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--width", type=int, default=576, choices=(384, 576))
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()

    ticket = sample_ticket("vi", priority_label="Người cao tuổi")
    printer = open_printer("dummy://", width_dots=args.width)

    def once() -> tuple[float, float]:
        started, cpu_started = time.perf_counter(), time.process_time()
        printer.print_image(render_ticket(ticket, args.width))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        assert printer.output
        printer.clear_output()
        return elapsed * 1000, cpu * 1000

    cold, _ = once()
    for _ in range(3):  # warm caches (fonts, escpos profile) before measuring
        once()
    runs = [once() for _ in range(args.n)]
    samples = sorted(wall for wall, _ in runs)
    p99 = samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))]
    # CPU time too: on a shared, loaded machine wall time includes waiting for a core.
    cpu_median = statistics.median(cpu for _, cpu in runs)
    print(
        json.dumps(
            {
                "bench": "ticket_render",
                "width": args.width,
                "median_ms": round(statistics.median(samples), 2),
                "p99_ms": round(p99, 2),
                "n": args.n,
                "cold_ms": round(cold, 2),
                "cpu_median_ms": round(cpu_median, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
