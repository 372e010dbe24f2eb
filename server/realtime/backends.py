"""Cross-process notification backends, chosen by URL. They carry only (site, seq):
each process then reads the events from the log once and fans them out itself."""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)
OnSeq = Callable[[str, int], None]
CHANNEL = "motcua_events"


class Backend(Protocol):
    async def start(self, on_seq: OnSeq) -> None: ...
    async def publish(self, site: str, seq: int) -> None: ...
    async def stop(self) -> None: ...


class MemoryBackend:
    """One process: the hub already has every event; nothing to carry."""

    async def start(self, on_seq: OnSeq) -> None:
        return None

    async def publish(self, site: str, seq: int) -> None:
        return None

    async def stop(self) -> None:
        return None


def _parse(payload: str) -> tuple[str, int] | None:
    site, _, seq = payload.rpartition(":")
    return (site, int(seq)) if site and seq.isdigit() else None


class RedisBackend:
    def __init__(self, url: str) -> None:
        import redis.asyncio as redis

        self._redis = redis.from_url(url)
        self._task: asyncio.Task[None] | None = None

    async def start(self, on_seq: OnSeq) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(CHANNEL)

        async def pump() -> None:
            async for msg in pubsub.listen():
                if msg.get("type") == "message":
                    parsed = _parse(msg["data"].decode())
                    if parsed:
                        on_seq(*parsed)

        self._task = asyncio.create_task(pump())

    async def publish(self, site: str, seq: int) -> None:
        await self._redis.publish(CHANNEL, f"{site}:{seq}")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        await self._redis.aclose()


class PostgresBackend:
    """LISTEN/NOTIFY on a dedicated connection."""

    def __init__(self, url: str) -> None:
        self._url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self._listen = None
        self._send = None
        self._task: asyncio.Task[None] | None = None

    async def start(self, on_seq: OnSeq) -> None:
        import psycopg

        self._listen = await psycopg.AsyncConnection.connect(self._url, autocommit=True)
        self._send = await psycopg.AsyncConnection.connect(self._url, autocommit=True)
        await self._listen.execute(f"LISTEN {CHANNEL}")

        async def pump() -> None:
            assert self._listen is not None
            async for n in self._listen.notifies():
                parsed = _parse(n.payload)
                if parsed:
                    on_seq(*parsed)

        self._task = asyncio.create_task(pump())

    async def publish(self, site: str, seq: int) -> None:
        assert self._send is not None
        await self._send.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{site}:{seq}"))

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        for conn in (self._listen, self._send):
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close()


def backend_for(url: str) -> Backend:
    if url.startswith("memory"):
        return MemoryBackend()
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisBackend(url)
    if url.startswith(("postgres://", "postgresql")):
        return PostgresBackend(url)
    raise ValueError(f"unknown broadcast URL {url!r}: use memory://, redis:// or postgresql://")
