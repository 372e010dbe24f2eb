"""Property-based fuzzing of the whole HTTP API from its OpenAPI schema (schemathesis on
hypothesis), authenticated as each role: no answer is a 5xx, and a rejected request
(4xx) changes nothing (the event log's head seq is the same before and after)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.reliability.dbcheck import head_seq
from tests.support.databases import prepared_database
from tests.support.inproc import InProc

EXAMPLES_PER_ROLE = 250
ROLES = ["admin", "giamsat", "canbo1", "kiosk", "display", "rating"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProc]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    with prepared_database("sqlite", tmp) as (url, tokens):
        e = InProc(url, tokens)
        try:
            # Something to act on: waiting tickets, an open counter with a called ticket.
            for svc in ("dat-dai", "tu-phap", "dat-dai"):
                e.issue(svc)
            e.counter(1, "open")
            e.counter(1, "call-next")
            yield e
        finally:
            e.close()


def token_of(env: InProc, role: str) -> str:
    devices = {"kiosk": env.kiosk_token, "display": env.display_token, "rating": env.rating_token}
    return devices.get(role) or env.login(role)


@pytest.mark.parametrize("role", ROLES)
def test_fuzz_no_5xx_and_rejections_change_nothing(env: InProc, role: str) -> None:
    # Logging out would end the very session the fuzzer authenticates with.
    schema = schemathesis.openapi.from_asgi("/openapi.json", env.app).exclude(
        path="/api/v1/auth/logout"
    )
    token = token_of(env, role)
    auth = {"Authorization": f"Bearer {token}"}

    def head() -> int:  # what GET /state says as `seq`, without building a snapshot
        return head_seq(env.ctx.db.reader)

    state = env.api("GET", "/state", env.display_token)
    assert state.status_code == 200 and state.json()["seq"] == head(), state.text

    @settings(
        max_examples=EXAMPLES_PER_ROLE,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=schema.as_strategy())
    def check(case: schemathesis.Case) -> None:
        before = head()
        r = case.call(headers=auth)
        where = f"{case.method} {case.formatted_path} as {role}: {r.status_code} {r.text[:300]}"
        assert r.status_code < 500, where
        if 400 <= r.status_code < 500:
            ctype = r.headers.get("content-type") or [""]  # schemathesis: name -> list
            assert str(ctype[0]).startswith("application/problem+json"), where
            assert head() == before, f"rejected request changed state: {where}"

    check()
