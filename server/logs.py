"""The server's logs: one line per record, with a timestamp, and never a secret.

Device tokens used to travel only in the event stream's URL (`/api/v1/stream?token=…`),
and uvicorn writes request lines (HTTP to `uvicorn.access`, websocket handshakes to
`uvicorn.error`) as they came. `RedactSecrets` replaces the value of a `token=` query
parameter, a `Bearer …` credential and a `bearer.…` websocket subprotocol with `***`.
`create_app` installs it on uvicorn's loggers, so every way of starting the server gets
it; `motcua serve` also puts it on every handler of `log_config()`.

`log_config()` is uvicorn's `log_config` for `motcua serve`: stderr for the server's
own records (`server.*`, `motcua.*`, `uvicorn.error`), stdout for the access log, both
as `2025-03-04 09:15:02,123 INFO    name: message`. Under systemd both go to the journal:
`journalctl -u motcua`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from protocol.phone_numbers import mask_in_text

REDACTED = "***"
_SECRETS = re.compile(
    r"(?P<key>[?&](?:token|access_token)=)[^&#\s\"']*"  # ?token=… in a URL
    r"|(?P<bearer>\b[Bb]earer[ .])[A-Za-z0-9._~+/=-]+"  # Authorization / subprotocol
)
# Where uvicorn logs request lines: HTTP access, and websocket handshakes (its websocket
# protocols, and the websockets library under them, log to "uvicorn.error").
REQUEST_LOGGERS = ("uvicorn.access", "uvicorn.error")


def redact(text: str) -> str:
    """No secret, and no citizen's phone number but masked (`09xx xxx 678`)."""
    text = _SECRETS.sub(lambda m: (m.group("key") or m.group("bearer")) + REDACTED, text)
    return mask_in_text(unquote(text) if "%2B84" in text or "%2b84" in text else text)


def _clean(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        args = record.args
        if isinstance(args, tuple):
            record.args = tuple(_clean(a) for a in args)
        elif isinstance(args, Mapping):
            record.args = {k: _clean(v) for k, v in args.items()}
        return True


def install_redaction() -> None:
    """Put `RedactSecrets` on uvicorn's request loggers (once; safe to call again)."""
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())


FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
ACCESS_FORMAT = (
    '%(asctime)s %(levelname)-7s access: %(client_addr)s "%(request_line)s" %(status_code)s'
)


def log_config(level: str = "info") -> dict[str, Any]:
    """uvicorn's `log_config` for `motcua serve` (logging.config.dictConfig schema)."""
    lvl = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactSecrets}},
        "formatters": {
            "default": {"format": FORMAT},
            "access": {
                "()": "uvicorn.logging.AccessFormatter",
                "fmt": ACCESS_FORMAT,
                "use_colors": False,
            },
        },
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["redact"],
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "filters": ["redact"],
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": lvl, "propagate": False},
            "uvicorn.error": {"level": lvl},
            "uvicorn.access": {"handlers": ["access"], "level": lvl, "propagate": False},
            "server": {"level": lvl},
            "motcua": {"level": lvl},
        },
        # Everything else (libraries) at WARNING, on the same handler.
        "root": {"handlers": ["default"], "level": "WARNING"},
    }
