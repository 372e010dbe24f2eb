"""Property-based fuzzing of the whole HTTP API from its OpenAPI schema (schemathesis on
hypothesis), authenticated as each role, on SQLite and on PostgreSQL: no answer is a 5xx,
and a rejected request (4xx) changes nothing (the event log's head seq and the rows that
change without an event are the same before and after).

Inputs: valid ones (positive) and ones that break the schema (negative: integers far past
the bounds, e.g. 2**63, strings past maxLength, wrong types), with control characters
and NUL in strings. The number of examples is fixed and the
run derandomised: 6 examples per operation and role (about 2,400 requests per database),
about 1.5 minutes for SQLite and PostgreSQL together."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode
from sqlalchemy import text

from tests.server.reliability.dbcheck import head_seq
from tests.support.databases import prepared_database
from tests.support.inproc import InProc

EXAMPLES_PER_OPERATION = 6  # per role, half valid (positive), half not (negative)
ROLES = ["admin", "giamsat", "canbo1", "kiosk", "display", "rating"]

# What may change without an event; a refused request must change none of it.
_FINGERPRINT = text(
    "SELECT (SELECT MAX(seq) FROM site), (SELECT COUNT(*) FROM ticket),"
    " (SELECT COUNT(*) FROM rating),"
    " (SELECT COUNT(*) FROM appointment), (SELECT COUNT(*) FROM device"
    ' WHERE printer_error IS NOT NULL), (SELECT COUNT(*) FROM "user")'
)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def env(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[InProc]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    with prepared_database(request.param, tmp) as (url, tokens):
        e = InProc(url, tokens)
        try:
            # Something to act on: waiting tickets, an open counter with a called ticket.
            for svc in ("dat-dai", "tu-phap", "dat-dai"):
                e.issue(svc)
            e.counter(1, "open")
            e.counter(1, "call-next")
            # Every role's session before any fuzzing: the fuzzer's failed logins come from
            # one address, which the login throttle stops after 20.
            for role in ROLES:
                token_of(e, role)
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
    schema.config.generation.update(allow_x00=True, codec="utf-8")
    # Every operation gets its share (one strategy over all of them favours none).
    operations = [result.ok() for result in schema.get_all_operations()]
    strategy = st.one_of([op.as_strategy(mode) for op in operations for mode in GenerationMode])
    auth = {"Authorization": f"Bearer {token_of(env, role)}"}

    def state() -> tuple[int, ...]:  # the log's head and what changes without an event
        with env.ctx.db.reader.connect() as c:
            return tuple(c.execute(_FINGERPRINT).one())

    snap = env.api("GET", "/state", env.display_token)
    assert snap.status_code == 200 and snap.json()["seq"] == head_seq(env.ctx.db.reader)

    @settings(
        max_examples=EXAMPLES_PER_OPERATION * len(operations),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: schemathesis.Case) -> None:
        before = state()
        r = case.call(headers=auth)
        where = f"{case.method} {case.formatted_path} as {role}: {r.status_code} {r.text[:300]}"
        assert r.status_code < 500, where
        if 400 <= r.status_code < 500:
            ctype = r.headers.get("content-type") or [""]  # schemathesis: name -> list
            assert str(ctype[0]).startswith("application/problem+json"), where
            assert state() == before, f"rejected request changed state: {where}"

    check()
