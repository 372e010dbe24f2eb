"""The centre's configuration changed by an admin (or by `motcua init`): the tickets of
removed fields settled, the new version stored and `config.changed` written, all in one
unit of work of the site's hall, so the hall never holds a ticket for a field that no
longer exists and every process loads the new version at its next read."""

from typing import Any

from pydantic import ValidationError

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from server.centre import explain
from server.domain.actor import Principal
from server.domain.config_change import Waiting, record_change, settle_removed_fields
from server.domain.errors import DomainError
from server.store.context import Context
from server.store.halls import HallTx
from server.store.site_config import save_config


def parse_centre(site: str, raw: Any) -> CentreConfig:
    """The configuration in `raw` (the centre file's shape) for `site`; refused as
    `centre-invalid` naming each offending place (`services[2].numbers: …`)."""
    try:
        cfg = CentreConfig.model_validate(raw)
    except ValidationError as e:
        problems = explain(e)
        raise DomainError(
            ErrorCode.CENTRE_INVALID,
            "; ".join(f"{where}: {msg}" for _, where, msg in problems)[:2000],
            errors=[
                {"loc": list(loc), "msg": msg, "type": "centre"} for loc, _, msg in problems[:50]
            ],
        ) from None
    if cfg.site != site:
        msg = (
            f"the centre's id is {site!r}, not {cfg.site!r}: changing `site` would start a "
            "second, empty centre"
        )
        raise DomainError(
            ErrorCode.CENTRE_INVALID,
            f"site: {msg}",
            errors=[{"loc": ["site"], "msg": msg, "type": "centre"}],
        )
    return cfg


def change_centre(
    ctx: Context, who: Principal, cfg: CentreConfig, waiting: Waiting | None = None
) -> int | None:
    """Store `cfg` as the site's configuration; returns the new version (None: it held
    exactly this already). Refused (`field-in-use`) when it strands citizens and
    `waiting` does not say what becomes of them."""

    def decide(tx: HallTx) -> int | None:
        settle_removed_fields(tx.hall, who, cfg, waiting, tx.now)
        version = save_config(tx.conn, cfg, tx.now)
        if version is not None:
            record_change(tx.hall, who, cfg, version, tx.now)
        return version

    return ctx.halls.write(cfg.site, decide)  # type: ignore[no-any-return]
