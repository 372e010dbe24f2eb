"""The one settings class: MOTCUA_* environment variables (or a .env file)."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOTCUA_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./motcua.db"
    # memory:// (one process), redis://host:6379/0 or postgresql://… (several processes)
    broadcast_url: str = "memory://"
    # Where citizens' phones reach the tracking page (printed in the ticket's QR code).
    public_base_url: str = "http://127.0.0.1:8000"
    ping_interval_s: float = Field(default=10.0, gt=0)
    stream_queue_size: int = Field(default=2000, ge=10)  # events buffered per websocket
    replay_limit: int = Field(default=5000, ge=1)  # further behind than this: snapshot
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    # PUT /admin/centre: a centre of 1,500 procedures is a few hundred KB of JSON.
    max_centre_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)
    day_check_interval_s: float = Field(default=30.0, gt=0)
    # How often each site's alerts (long waits, pauses, idle counters, devices) are checked.
    alert_check_interval_s: float = Field(default=15.0, gt=0)
    db_pool_size: int = Field(default=10, ge=1)
    # Who may read GET /metrics besides loopback clients: those presenting
    # `Authorization: Bearer <this>`. Unset: loopback only (server.metrics).
    metrics_token: str | None = None
    # The public tracking routes, per client address: a burst, then this many a second.
    public_rate_per_s: float = Field(default=2.0, gt=0)
    public_burst: int = Field(default=30, ge=1)
    # Open pushes of the phone page (GET /t/{code}/events) per client address at once.
    public_streams_per_address: int = Field(default=6, ge=1)
    # The web console at /console/ (server/console); False: the API alone.
    console: bool = True
    # Where the console keeps each browser's session (its bearer token, its language) and
    # its cookie-signing secret. Default: a `console` folder beside a SQLite database
    # file, else in the working directory (/var/lib/motcua under the systemd unit).
    console_dir: str | None = None
    # Signs the console's session cookie. Default: generated once per installation into
    # console_dir/secret (never a constant in the code).
    console_secret: str | None = None
    # Messages to citizens' phones (server/notify). The SMS/Zalo gateway, by URL:
    # webhook+https://host/path (POST {to, text, ticket_number, kind}), log://, or unset
    # (web push only).
    notifier_url: str | None = None
    notify_timeout_s: float = Field(default=10.0, gt=0)  # one send, push or gateway
    notify_tries: int = Field(default=5, ge=1, le=20)  # then the message is `failed`
    notify_backoff_s: float = Field(default=10.0, gt=0)  # 1×, 2×, 4×… between tries
    notify_poll_s: float = Field(default=5.0, gt=0)  # looks for other processes' messages
    # The VAPID `sub` claim: how a push service reaches the centre (mailto: or https:).
    push_subject: str = "mailto:motcua@localhost"
    # Push endpoints must be https (every browser's are); True lets http ones in (tests).
    push_allow_http: bool = False
