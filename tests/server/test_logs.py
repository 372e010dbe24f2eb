"""server.logs: secrets never reach a log line."""

import logging

from server.logs import RedactSecrets, install_redaction, log_config, redact


def test_redact_query_tokens_bearer_and_subprotocol() -> None:
    assert redact("/api/v1/stream?token=abc-DEF_123&since=5") == "/api/v1/stream?token=***&since=5"
    assert redact("/api/v1/stream?since=5&token=abc") == "/api/v1/stream?since=5&token=***"
    assert redact("/x?access_token=abc") == "/x?access_token=***"
    assert redact("Authorization: Bearer abc.def") == "Authorization: Bearer ***"
    assert redact("offered motcua.v1, bearer.abc_DEF-1") == "offered motcua.v1, bearer.***"
    assert redact("/api/v1/tickets?service=dat-dai") == "/api/v1/tickets?service=dat-dai"


def test_filter_rewrites_uvicorn_style_arguments() -> None:
    # uvicorn.access: (client, method, path with query, http version, status)
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/api/v1/stream?token=s3cr3t", "1.1", 101), None,
    )  # fmt: skip
    assert RedactSecrets().filter(record)
    assert "s3cr3t" not in record.getMessage()
    assert "token=***" in record.getMessage()


def test_installed_once_on_uvicorns_request_loggers() -> None:
    install_redaction()
    install_redaction()
    for name in ("uvicorn.access", "uvicorn.error"):
        filters = logging.getLogger(name).filters
        assert sum(isinstance(f, RedactSecrets) for f in filters) == 1


def test_log_config_is_valid_and_timestamped() -> None:
    cfg = log_config("warning")
    assert "%(asctime)s" in cfg["formatters"]["default"]["format"]
    assert cfg["loggers"]["server"]["level"] == "WARNING"
    assert all("redact" in h["filters"] for h in cfg["handlers"].values())
