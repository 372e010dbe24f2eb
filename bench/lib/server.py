"""One server process on a fresh database, loaded with a centre, demo accounts and as
many kiosk devices (each with its own token) as a benchmark needs."""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from motcua.demo import DEMO_PASSWORD, prepare  # noqa: E402
from protocol.enums import Role  # noqa: E402
from server.commands.context import Context  # noqa: E402
from server.commands.setup import add_device  # noqa: E402
from server.domain.clock import SystemClock  # noqa: E402
from server.store.db import open_database  # noqa: E402
from tests.support.databases import PG_ENV, fresh_database  # noqa: E402
from tests.support.live_server import free_port  # noqa: E402

CENTRE = ROOT / "bench" / "centre-37.yaml"
SITE = "bench-hall"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def ensure_pg_env() -> None:
    """fresh_database("postgres") reads the test variable; default to the local server."""
    os.environ.setdefault(PG_ENV, os.environ.get("MOTCUA_BENCH_DATABASE_URL", DEFAULT_PG))


class BenchServer:
    """`with BenchServer("sqlite", kiosks=800) as srv:` -> srv.url, srv.kiosk_tokens, …"""

    def __init__(
        self,
        db: str,
        kiosks: int = 0,
        env: dict[str, str] | None = None,
        centre: Path = CENTRE,
    ) -> None:
        self.db_kind, self.kiosks, self.centre = db, kiosks, centre
        self.extra_env = env or {}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.kiosk_tokens: list[str] = []
        self.proc: subprocess.Popen[bytes] | None = None
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> "BenchServer":
        if self.db_kind == "postgres":
            ensure_pg_env()
        tmp = Path(self._stack.enter_context(tempfile.TemporaryDirectory(prefix="motcua-b-")))
        self.workdir = tmp
        self.db_url = self._stack.enter_context(fresh_database(self.db_kind, tmp))
        tokens = prepare(self.db_url, self.centre)
        self.display_token = tokens["display"]
        self._add_kiosks()
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        self._stack.close()

    def _add_kiosks(self) -> None:
        ctx = Context(db=open_database(self.db_url), clock=SystemClock())
        site = _site_of(self.centre)
        self.kiosk_tokens = [
            add_device(ctx, site, f"bench-kiosk-{i:04d}", Role.KIOSK) for i in range(self.kiosks)
        ]
        ctx.db.dispose()

    def start(self, timeout: float = 60) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), **self.extra_env}
        self.log = open(self.workdir / "server.log", "ab")  # noqa: SIM115
        cmd = [sys.executable, "-m", "motcua", "serve", "--db", self.db_url]
        self.proc = subprocess.Popen(
            [*cmd, "--port", str(self.port)], cwd=ROOT, env=env, stdout=self.log, stderr=self.log
        )
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError((self.workdir / "server.log").read_text()[-3000:])
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError("server did not become healthy")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss_mb(self) -> float:
        assert self.proc is not None
        return round(psutil.Process(self.proc.pid).memory_info().rss / 2**20, 1)

    def cpu_s(self) -> float:
        assert self.proc is not None
        t = psutil.Process(self.proc.pid).cpu_times()
        return t.user + t.system

    def login(self, username: str) -> str:
        r = httpx.post(
            self.url + "/api/v1/auth/login",
            json={"username": username, "password": DEMO_PASSWORD},
            timeout=30,
        )
        r.raise_for_status()
        return str(r.json()["token"])

    def api(self, method: str, path: str, token: str, **kw: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.request(method, self.url + "/api/v1" + path, headers=headers, timeout=30, **kw)  # type: ignore[arg-type]


def _site_of(centre: Path) -> str:
    from server.centre import load_centre_file

    return load_centre_file(centre).site


def service_ids(centre: Path = CENTRE) -> list[str]:
    from server.centre import load_centre_file

    return [s.id for s in load_centre_file(centre).services]
