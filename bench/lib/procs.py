"""Load generators run in their own processes so their CPU never hides the server's."""

import asyncio
import multiprocessing as mp
from collections.abc import Callable, Coroutine
from typing import Any

_ctx = mp.get_context("spawn")


def run_loop(main: Coroutine[Any, Any, Any]) -> Any:
    """asyncio.run with uvloop when installed (cheaper per message for the generator)."""
    try:
        import uvloop

        return uvloop.run(main)
    except ImportError:
        return asyncio.run(main)


def _child(target: Callable[..., Any], args: tuple[Any, ...], out: Any) -> None:
    try:
        out.put(("ok", target(*args)))
    except BaseException as e:  # the parent reports it; nothing else would see it
        out.put(("error", repr(e)))
        raise


class Worker:
    """`Worker(fn, a, b).start()` ... `.result()` -> whatever fn(a, b) returned."""

    def __init__(self, target: Callable[..., Any], *args: Any) -> None:
        self._out = _ctx.Queue()
        self._proc = _ctx.Process(target=_child, args=(target, args, self._out), daemon=True)

    def start(self) -> "Worker":
        self._proc.start()
        return self

    def result(self, timeout: float = 600) -> Any:
        kind, value = self._out.get(timeout=timeout)
        self._proc.join(timeout=30)
        if kind != "ok":
            raise RuntimeError(f"load worker failed: {value}")
        return value


def event() -> Any:
    return _ctx.Event()
