"""Citizens' phone numbers (Decree 13/2023/NĐ-CP): never whole in an API answer, a log
line or an export; shown and erased on request; none left after the retention."""

import logging

from sqlalchemy import String, Text, inspect, select, text

from server.commands.personal_data import purge
from server.logs import redact
from server.store.tables import Contact
from tests.server.api.phones_support import FIELD, book, configure, slots, take
from tests.support.inproc import InProc

PHONE, SPELLED = "0912345678", "+84 912 345 678"
MASKED = "09xx xxx 678"


def _with_phone(env: InProc) -> dict[str, str]:
    configure(env)
    t = take(env, phone=SPELLED, consent=True).json()
    day = slots(env, env.api("GET", "/public/centre").json()["today"])["slots"]
    start = next(s for s in day if s["bookable"])["start"]
    a = book(env, start, phone=PHONE, consent=True).json()
    return {"tracking": t["tracking_code"], "code": a["code"]}


def _holds_phone(body: str) -> bool:
    return any(v in body for v in ("912345678", "912 345 678", "912.345.678"))


def test_no_answer_holds_the_whole_number(inproc_any: InProc, caplog) -> None:  # type: ignore[no-untyped-def]
    env = inproc_any
    caplog.set_level(logging.DEBUG)
    refs = _with_phone(env)
    sup = env.login("giamsat")
    admin = env.login("admin")
    paths = [
        p
        for p, ops in env.app.openapi()["paths"].items()
        if "get" in ops and "{" not in p and "stream" not in p
    ]
    assert "/api/v1/admin/personal-data" in paths and "/api/v1/public/centre" in paths
    seen = 0
    for path in paths:
        for token in (admin, sup):
            query = {"phone": PHONE} if path.endswith("personal-data") else {}
            r = env.client.get(path, params=query, headers={"Authorization": f"Bearer {token}"})
            assert not _holds_phone(r.text), path
            seen += r.status_code == 200
    assert seen > 10
    for path in (
        f"/api/v1/public/tickets/{refs['tracking']}",
        f"/api/v1/public/appointments/{refs['code']}",
        "/api/v1/admin/centre.yaml",
    ):
        r = env.client.get(path, headers={"Authorization": f"Bearer {admin}"})
        assert r.status_code == 200 and not _holds_phone(r.text), path
    assert env.api("GET", f"/public/appointments/{refs['code']}").json()["phone"] == MASKED
    server_side = [r for r in caplog.records if not r.name.startswith("httpx")]  # not the test's
    assert not any(_holds_phone(r.getMessage()) for r in server_side)


def test_log_lines_mask_a_number_however_it_is_written() -> None:
    for line in (
        f'127.0.0.1 "GET /api/v1/admin/personal-data?phone={PHONE} HTTP/1.1" 200',
        '127.0.0.1 "GET /api/v1/admin/personal-data?phone=%2B84912345678 HTTP/1.1" 200',
        "booked for 0912.345.678",
    ):
        out = redact(line)
        assert not _holds_phone(out) and MASKED in out, out


def test_a_supervisor_shows_and_erases_one_persons_data(inproc_any: InProc) -> None:
    env = inproc_any
    refs = _with_phone(env)
    take(env, phone="0987654321", consent=True)
    sup = env.login("giamsat")
    held = env.api("GET", "/admin/personal-data", sup, params={"phone": SPELLED}).json()
    assert held["phone"] == MASKED and len(held["consents"]) == 2
    assert [t["channel"] for t in held["tickets"]] == ["remote"]
    assert [a["code"] for a in held["appointments"]] == [refs["code"]]
    assert held["consents"][0]["consent_text"].startswith("Tôi đồng ý")
    clerk = env.login("canbo1")
    assert env.api("GET", "/admin/personal-data", clerk, params={"phone": PHONE}).status_code == 403
    gone = env.api("DELETE", "/admin/personal-data", sup, params={"phone": PHONE}).json()
    assert gone == {"phone": MASKED, "consents": 2, "tickets": 1, "appointments": 1}
    again = env.api("GET", "/admin/personal-data", sup, params={"phone": PHONE}).json()
    assert again == {"phone": MASKED, "consents": [], "tickets": [], "appointments": []}
    audit = env.api("GET", "/audit", sup).text
    assert "xóa dữ liệu cá nhân" in audit and not _holds_phone(audit)
    # the other person's number is untouched; the tracking page still works
    with env.ctx.db.reader.connect() as conn:
        assert [p for (p,) in conn.execute(select(Contact.phone))] == ["0987654321"]
    assert env.client.get(f"/api/v1/public/tickets/{refs['tracking']}").status_code == 200


def _text_columns_holding(env: InProc, needle: str) -> list[str]:
    found = []
    engine = env.ctx.db.reader
    insp = inspect(engine)
    with engine.connect() as conn:
        for table in insp.get_table_names():
            for col in insp.get_columns(table):
                if not isinstance(col["type"], String | Text) and "JSON" not in str(col["type"]):
                    continue
                q = text(f'SELECT "{col["name"]}" FROM "{table}"')
                if any(needle in str(v) for (v,) in conn.execute(q)):
                    found.append(f"{table}.{col['name']}")
    return found


def test_numbers_are_purged_after_the_retention(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env, phones={"retention_days": 30})
    take(env, phone=PHONE, consent=True)
    assert _text_columns_holding(env, PHONE) == ["contact.phone"]
    env.clock.advance(days=29)
    assert purge(env.ctx) == 0
    env.clock.advance(days=1, seconds=1)
    take(env, FIELD, phone="0987654321", consent=True)  # a new one stays
    assert purge(env.ctx) == 1
    assert _text_columns_holding(env, PHONE) == []
    assert _text_columns_holding(env, "0987654321") == ["contact.phone"]
