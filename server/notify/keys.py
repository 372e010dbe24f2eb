"""The server's VAPID key pair (RFC 8292): made on the first start, kept in the database
(every process and every restart signs with the same key, to which each phone's
subscription is tied), never made again."""

import base64
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from server.notify.outbox import insert_for
from server.store.context import Context
from server.store.convert import utc
from server.store.notify_tables import PushKeyPair

K = PushKeyPair.__table__  # type: ignore[attr-defined]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass(frozen=True)
class VapidKeys:
    private_key: str  # base64url of the 32-byte private value (py_vapid's "raw")
    public_key: str  # base64url of the uncompressed point: the applicationServerKey


def new_keys() -> VapidKeys:
    key = ec.generate_private_key(ec.SECP256R1())
    raw = key.private_numbers().private_value.to_bytes(32, "big")
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return VapidKeys(b64url(raw), b64url(point))


def ensure_keys(ctx: Context, now: datetime) -> VapidKeys:
    """The stored pair; on the very first start, a new one (two processes starting
    together: the first insert wins, both read it back)."""
    with ctx.db.reader.connect() as conn:
        row = conn.execute(select(K.c.private_key, K.c.public_key).where(K.c.id == 1)).first()
    if row is not None:
        return VapidKeys(row.private_key, row.public_key)
    made = new_keys()
    with ctx.uow() as uow:
        conn = uow.session.connection()
        conn.execute(
            insert_for(conn, K)
            .values(id=1, private_key=made.private_key, public_key=made.public_key,
                    created_at=utc(now))
            .on_conflict_do_nothing(index_elements=["id"])
        )  # fmt: skip
        row = conn.execute(select(K.c.private_key, K.c.public_key).where(K.c.id == 1)).one()
        uow.session.commit()
    return VapidKeys(row.private_key, row.public_key)
