"""Background load for the fault tests: threads issuing tickets and counters calling,
recording what the server acknowledged. Errors (the server is down, the database is cut)
are counted, never raised: the tests judge afterwards."""

import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx

SERVICES = ["dat-dai", "tu-phap", "dang-ky-kinh-doanh"]


@dataclass
class Acked:
    id: int
    number: str
    service_id: str
    key: str


@dataclass
class Load:
    base_url: str  # http://127.0.0.1:PORT/api/v1
    issuer_token: str
    clerks: dict[int, str] = field(default_factory=dict)  # counter id -> token
    issuers: int = 3
    max_requests: int = 3000  # per thread: the load is bounded whatever happens
    acked: list[Acked] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    problems: list[dict] = field(default_factory=list)  # 5xx bodies
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> "Load":
        for i in range(self.issuers):
            self._threads.append(threading.Thread(target=self._issue, args=(i,), daemon=True))
        for cid, token in self.clerks.items():
            caller = threading.Thread(target=self._call, args=(cid, token), daemon=True)
            self._threads.append(caller)
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=30)

    def _note(self, r: httpx.Response) -> None:
        with self._lock:
            self.statuses[r.status_code] += 1
            if r.status_code >= 500 and len(self.problems) < 50:
                self.problems.append(
                    {
                        "status": r.status_code,
                        "ctype": r.headers.get("content-type"),
                        "body": r.json()
                        if r.headers.get("content-type", "").endswith("json")
                        else r.text[:200],
                    }
                )

    def _client(self, token: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, timeout=10, headers={"Authorization": f"Bearer {token}"}
        )

    def _issue(self, worker: int) -> None:
        with self._client(self.issuer_token) as c:
            for i in range(self.max_requests):
                if self._stop.is_set():
                    return
                key = uuid.uuid4().hex
                svc = SERVICES[(worker + i) % len(SERVICES)]
                try:
                    r = c.post(
                        "/tickets", json={"service_id": svc}, headers={"Idempotency-Key": key}
                    )
                except httpx.HTTPError:
                    time.sleep(0.05)
                    continue
                self._note(r)
                if r.status_code == 201:
                    b = r.json()
                    with self._lock:
                        self.acked.append(Acked(b["id"], b["number"], b["service_id"], key))
                elif r.status_code >= 500:
                    time.sleep(0.05)

    def _call(self, cid: int, token: str) -> None:
        with self._client(token) as c:
            for _ in range(self.max_requests):
                if self._stop.is_set():
                    return
                try:
                    r = c.post(f"/counters/{cid}/call-next")
                    self._note(r)
                    if r.status_code == 200:
                        self._note(c.post(f"/counters/{cid}/no-show"))
                    else:
                        time.sleep(0.05)
                except httpx.HTTPError:
                    time.sleep(0.05)
