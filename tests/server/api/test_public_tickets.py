"""A number taken from a phone (SQLite and PostgreSQL): the tracking page follows it;
each refusal says why (problem+json, Vietnamese title) and changes nothing."""

from datetime import timedelta

from sqlalchemy import select

from server.store.tables import Contact, Ticket
from tests.server.api.phones_support import FIELD, OTHER, configure, problem, take
from tests.support.inproc import InProc


def waiting_count(env: InProc) -> int:
    return len(env.api("GET", "/state", env.display_token).json()["waiting"])


def test_a_number_from_a_phone_joins_the_hall_and_is_tracked(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env)
    r = take(env)
    assert r.status_code == 201, r.text
    t = r.json()
    assert t["channel"] == "remote" and t["phone"] is None
    assert t["tracking_url"] == f"http://queue.test/t/{t['tracking_code']}"
    track = env.client.get(f"/api/v1/public/tickets/{t['tracking_code']}").json()
    assert track["number"] == t["number"] and track["status"] == "waiting"
    # the same queue as the kiosk's: the next kiosk number follows it
    kiosk = env.issue(FIELD)
    assert int(kiosk["number"]) == int(t["number"]) + 1 and kiosk["ahead"] == 1
    centre = env.api("GET", "/public/centre").json()
    field = next(s for s in centre["services"] if s["id"] == FIELD)
    assert field["waiting"] == 2 and field["remote"]["available"] is True
    assert field["booking"]["offered"] is True
    assert next(p for p in field["procedures"])["name"]


def test_each_refusal_names_its_reason_and_issues_nothing(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env, remote={"daily_cap": 1}, phones={"per_phone_per_day": 1})
    before = waiting_count(env)
    problem(take(env, OTHER), 409, "remote-not-offered")
    problem(take(env, "no-such"), 422, "unknown-service")
    problem(take(env, phone="0912 345 678"), 409, "consent-required")
    problem(take(env, phone="12345"), 422, "validation-error")
    assert waiting_count(env) == before
    assert take(env, phone="0912345678", consent=True).status_code == 201
    problem(take(env), 409, "remote-cap-reached")
    centre = env.api("GET", "/public/centre").json()
    field = next(s for s in centre["services"] if s["id"] == FIELD)
    assert field["remote"] == {
        "offered": True,
        "available": False,
        "why_not": "remote-cap-reached",
        "why_not_title": field["remote"]["why_not_title"],
        "left_today": 0,
    }
    env.clock.advance(hours=9)  # 18:00
    problem(take(env), 409, "outside-hours")


def test_a_phone_number_comes_with_consent_and_its_limit(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env, phones={"per_phone_per_day": 2, "phone_required": True})
    problem(take(env), 409, "phone-required")
    first = take(env, phone="+84 912 345 678", consent=True)
    assert first.status_code == 201 and first.json()["phone"] == "09xx xxx 678"
    assert take(env, phone="0912.345.678", consent=True).status_code == 201
    problem(take(env, phone="84912345678", consent=True), 429, "phone-limit-reached")
    assert take(env, phone="0987654321", consent=True).status_code == 201
    with env.ctx.db.reader.connect() as conn:
        rows = conn.execute(select(Contact).order_by(Contact.id)).all()
        linked = conn.execute(select(Ticket.contact_id).where(Ticket.channel == "remote")).all()
    assert [r.phone for r in rows] == ["0912345678", "0912345678", "0987654321"]
    assert all(r.consent_text.startswith("Tôi đồng ý") for r in rows)
    assert all(
        abs(r.consent_at.replace(tzinfo=None) - env.clock.now().replace(tzinfo=None))
        < timedelta(seconds=1)
        for r in rows
    )
    assert sorted(c for (c,) in linked) == [r.id for r in rows]
    # a new day, a new allowance
    env.clock.advance(days=1)
    assert take(env, phone="0912345678", consent=True).status_code == 201


def test_an_address_has_its_hourly_allowance(inproc: InProc) -> None:
    env = inproc
    configure(env, phones={"per_address_per_hour": 2})
    assert take(env).status_code == 201
    assert take(env).status_code == 201
    r = take(env)
    problem(r, 429, "too-many-requests")
    assert int(r.headers["Retry-After"]) > 0
