"""The console's accounts and devices: admins add, list, change and disable users, add
and revoke devices; a change is refused at once; a centre keeps one active admin; a
centre admin sees only their centre, a province admin any (`?site=`)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from motcua.demo import SAMPLE
from protocol.enums import Role
from server.centre import load_centre_file
from server.commands.accounts import add_user
from server.commands.setup import load_centre
from server.realtime.stream import fetch_events
from tests.support.inproc import InProc

OTHER = "huyen-a"  # a second centre in the same database


def head(env: InProc) -> int:
    return env.api("GET", "/state", env.display_token).json()["seq"]


def site_of(env: InProc) -> str:
    return env.api("GET", "/auth/me", env.display_token).json()["site"]


def events(env: InProc, site: str, after: int, type_: str) -> list[dict[str, Any]]:
    return [e for e in fetch_events(env.ctx.db, site, after) if e["type"] == type_]


def problem(r, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["type"] == code


def new_user(env: InProc, admin: str, username: str, role: str = "clerk", **kw: Any) -> dict:
    body = {"username": username, "role": role, "password": "mat-khau-dai", **kw}
    r = env.api("POST", "/admin/users", admin, json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def login(env: InProc, username: str, password: str = "mat-khau-dai") -> Any:
    return env.client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_admin_adds_lists_and_changes_users(inproc_any: InProc) -> None:
    env = inproc_any
    admin, site, before = env.login("admin"), site_of(env), head(env)
    made = new_user(env, admin, "lan", full_name="Nguyễn Thị Lan")
    assert made == {
        "username": "lan", "full_name": "Nguyễn Thị Lan", "role": "clerk", "site": site,
        "province": False, "disabled": False,
    }  # fmt: skip
    listed = env.api("GET", "/admin/users", admin).json()
    assert made in listed and {"admin", "giamsat", "canbo1"} <= {u["username"] for u in listed}
    assert login(env, "lan").status_code == 200
    r = env.api("PATCH", "/admin/users/lan", admin, json={"role": "supervisor"})
    assert r.status_code == 200 and r.json()["role"] == "supervisor"
    changes = events(env, site, before, "user.changed")
    assert [(e["data"]["change"], e["data"]["actor"]) for e in changes] == [
        ("created", "user:admin"),
        ("updated", "user:admin"),
    ]
    assert changes[1]["data"]["role"] == "supervisor"
    assert "mat-khau-dai" not in str(changes)


def test_disabled_user_is_refused_at_once_and_cannot_log_in(inproc_any: InProc) -> None:
    env = inproc_any
    admin, clerk = env.login("admin"), env.login("canbo2")
    assert env.api("GET", "/auth/me", clerk).status_code == 200  # now trusted from the cache
    r = env.api("PATCH", "/admin/users/canbo2", admin, json={"disabled": True})
    assert r.status_code == 200 and r.json()["disabled"] is True
    problem(env.api("GET", "/auth/me", clerk), 401, "unauthenticated")
    problem(login(env, "canbo2", "demo1234"), 401, "bad-credentials")
    r = env.api("PATCH", "/admin/users/canbo2", admin, json={"disabled": False})
    assert r.json()["disabled"] is False and login(env, "canbo2", "demo1234").status_code == 200


def test_new_password_ends_the_sessions(inproc: InProc) -> None:
    env = inproc
    admin, clerk = env.login("admin"), env.login("canbo3")
    assert env.api("GET", "/auth/me", clerk).status_code == 200
    r = env.api("PATCH", "/admin/users/canbo3", admin, json={"password": "mot-mat-khau-moi"})
    assert r.status_code == 200
    problem(env.api("GET", "/auth/me", clerk), 401, "unauthenticated")
    problem(login(env, "canbo3", "demo1234"), 401, "bad-credentials")
    assert login(env, "canbo3", "mot-mat-khau-moi").status_code == 200


def test_the_last_active_admin_stays(inproc_any: InProc) -> None:
    env = inproc_any
    admin, before = env.login("admin"), head(env)
    for body in ({"disabled": True}, {"role": "supervisor"}):
        problem(env.api("PATCH", "/admin/users/admin", admin, json=body), 409, "last-admin")
    assert head(env) == before and env.api("GET", "/auth/me", admin).status_code == 200
    new_user(env, admin, "quantri2", role="admin")
    r = env.api("PATCH", "/admin/users/admin", admin, json={"disabled": True})
    assert r.status_code == 200  # another admin remains: one may step down
    problem(env.api("GET", "/auth/me", admin), 401, "unauthenticated")
    other = login(env, "quantri2").json()["token"]
    problem(
        env.api("PATCH", "/admin/users/quantri2", other, json={"role": "clerk"}), 409, "last-admin"
    )


def test_admin_adds_and_revokes_devices(inproc_any: InProc) -> None:
    env = inproc_any
    admin, site, before = env.login("admin"), site_of(env), head(env)
    r = env.api("POST", "/admin/devices", admin, json={"name": "kiosk-sanh-b", "role": "kiosk"})
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    assert r.json()["name"] == "kiosk-sanh-b" and len(token) > 30
    listed = {d["name"]: d for d in env.api("GET", "/admin/devices", admin).json()}
    assert "token" not in listed["kiosk-sanh-b"] and listed["kiosk-sanh-b"]["online"] is False
    assert env.api("GET", "/auth/me", token).json()["name"] == "kiosk-sanh-b"
    assert env.app.state.services.seen.flush() >= 1  # what the background task does
    mine = {d["name"]: d for d in env.api("GET", "/admin/devices", admin).json()}["kiosk-sanh-b"]
    assert mine["online"] is True and mine["last_seen"] is not None
    env.clock.advance(minutes=10)  # the sample centre: offline after 120 s
    mine = {d["name"]: d for d in env.api("GET", "/admin/devices", admin).json()}["kiosk-sanh-b"]
    assert mine["online"] is False and mine["last_seen"] is not None
    pad = {"name": "pad-quay-2", "role": "rating-pad", "counter": 2}
    assert env.api("POST", "/admin/devices", admin, json=pad).status_code == 201
    r = env.api("DELETE", "/admin/devices/kiosk-sanh-b", admin)
    assert r.status_code == 200 and r.json()["active"] is False
    problem(env.api("GET", "/auth/me", token), 401, "unauthenticated")
    changes = events(env, site, before, "device.changed")
    assert [(e["data"]["name"], e["data"]["change"]) for e in changes] == [
        ("kiosk-sanh-b", "added"),
        ("pad-quay-2", "added"),
        ("kiosk-sanh-b", "revoked"),
    ]
    assert token not in str(changes)


def test_a_revoked_kiosk_is_refused_at_once(inproc: InProc) -> None:
    env = inproc
    assert env.api("GET", "/catalog", env.kiosk_token).status_code == 200  # cached
    assert env.api("DELETE", "/admin/devices/kiosk-1", env.login("admin")).status_code == 200
    problem(
        env.api("POST", "/tickets", env.kiosk_token, json={"service_id": "dat-dai"}),
        401,
        "unauthenticated",
    )


def test_the_open_stream_of_a_disabled_clerk_ends(inproc: InProc) -> None:
    env = inproc
    clerk, admin = env.login("canbo4"), env.login("admin")
    headers = {"Authorization": f"Bearer {clerk}"}
    with env.client.websocket_connect("/api/v1/stream", headers=headers) as ws:
        assert ws.receive_json()["kind"] == "hello"
        assert (
            env.api("PATCH", "/admin/users/canbo4", admin, json={"disabled": True}).status_code
            == 200
        )
        with pytest.raises(WebSocketDisconnect) as closed:
            for _ in range(100):  # the change's event, pings, then the close
                ws.receive_json()
        assert closed.value.code == 4401
    # A display's stream is not touched by it.
    with env.client.websocket_connect("/api/v1/stream?token=" + env.display_token) as ws:
        assert ws.receive_json()["kind"] == "hello"


PW = "mat-khau-dai"


def user(**kw: Any) -> dict[str, Any]:
    return {"username": "ab", "role": "clerk", "password": PW, **kw}


def pad(**kw: Any) -> dict[str, Any]:
    return {"name": "pad-x", "role": "rating-pad", **kw}


BAD = [
    ("POST", "/admin/users", user(username="a b"), 422, "validation-error"),
    ("POST", "/admin/users", user(password="ngan"), 422, "validation-error"),
    ("POST", "/admin/users", user(role="kiosk"), 422, "validation-error"),
    ("POST", "/admin/users", user(username="canbo1"), 409, "name-taken"),
    ("POST", "/admin/users", user(province=True), 403, "forbidden"),
    ("POST", "/admin/users", user(site="khong-co"), 403, "forbidden"),
    ("PATCH", "/admin/users/khong-co", {"disabled": True}, 404, "unknown-user"),
    ("PATCH", "/admin/users/canbo1", {"role": "display"}, 422, "validation-error"),
    ("PATCH", "/admin/users/canbo1", {"password": "x"}, 422, "validation-error"),
    ("PATCH", "/admin/users/canbo1", {"disabled": "maybe"}, 422, "validation-error"),
    ("POST", "/admin/devices", {"name": "Kiosk B", "role": "kiosk"}, 422, "validation-error"),
    ("POST", "/admin/devices", pad(), 422, "validation-error"),
    ("POST", "/admin/devices", pad(counter=99), 404, "unknown-counter"),
    ("POST", "/admin/devices", {"name": "kiosk-x", "role": "admin"}, 422, "validation-error"),
    ("POST", "/admin/devices", {"name": "kiosk-1", "role": "kiosk"}, 409, "name-taken"),
    ("DELETE", "/admin/devices/khong-co", None, 404, "unknown-device"),
    ("GET", "/admin/users?site=" + OTHER, None, 403, "forbidden"),
]


def test_bad_input_is_a_problem_and_changes_nothing(inproc_any: InProc) -> None:
    env = inproc_any
    admin, before = env.login("admin"), head(env)
    users = env.api("GET", "/admin/users", admin).json()
    devices = env.api("GET", "/admin/devices", admin).json()
    for method, path, body, status, code in BAD:
        r = env.api(method, path, admin, json=body)
        problem(r, status, code)
        assert not r.json()["title"].isascii(), r.json()  # Vietnamese
    assert head(env) == before
    assert env.api("GET", "/admin/users", admin).json() == users
    assert env.api("GET", "/admin/devices", admin).json() == devices
    problem(env.api("GET", "/admin/users", env.login("giamsat")), 403, "forbidden")


def second_centre(env: InProc) -> None:
    cfg = load_centre_file(SAMPLE).model_copy(update={"site": OTHER, "name": "Huyện A"})
    load_centre(env.ctx, cfg, new_site=True)
    add_user(env.ctx, OTHER, "admin-huyen", Role.ADMIN, "mat-khau-dai")
    add_user(env.ctx, OTHER, "lan-huyen", Role.CLERK, "mat-khau-dai")


def test_a_centre_admin_sees_only_their_centre(inproc_any: InProc) -> None:
    env = inproc_any
    second_centre(env)
    admin, theirs = env.login("admin"), login(env, "admin-huyen").json()["token"]
    names = {u["username"] for u in env.api("GET", "/admin/users", admin).json()}
    assert "canbo1" in names and not names & {"admin-huyen", "lan-huyen"}
    assert {u["username"] for u in env.api("GET", "/admin/users", theirs).json()} == {
        "admin-huyen",
        "lan-huyen",
    }
    problem(env.api("GET", f"/admin/devices?site={OTHER}", admin), 403, "forbidden")
    problem(
        env.api("PATCH", "/admin/users/lan-huyen", admin, json={"disabled": True}),
        404,
        "unknown-user",
    )
    body = {"username": "x1", "role": "clerk", "password": "mat-khau-dai", "site": OTHER}
    problem(env.api("POST", "/admin/users", admin, json=body), 403, "forbidden")
    assert login(env, "lan-huyen").status_code == 200


def test_a_province_admin_acts_on_any_centre(inproc_any: InProc) -> None:
    env = inproc_any
    second_centre(env)
    home = site_of(env)
    add_user(env.ctx, home, "tinh", Role.ADMIN, "mat-khau-dai", province=True)
    prov = login(env, "tinh").json()["token"]
    assert env.api("GET", "/auth/me", prov).json()["province"] is True
    names = {u["username"] for u in env.api("GET", f"/admin/users?site={OTHER}", prov).json()}
    assert names == {"admin-huyen", "lan-huyen"}
    assert "canbo1" in {u["username"] for u in env.api("GET", "/admin/users", prov).json()}
    problem(env.api("GET", "/admin/users?site=khong-co", prov), 404, "not-found")
    r = env.api("PATCH", f"/admin/users/lan-huyen?site={OTHER}", prov, json={"disabled": True})
    assert r.status_code == 200 and r.json()["disabled"] is True
    before = head(env)
    body = {"username": "tinh2", "role": "supervisor", "password": "mat-khau-dai", "province": True}
    made = env.api("POST", "/admin/users", prov, json={**body, "site": OTHER})
    assert made.status_code == 201 and made.json()["site"] == OTHER and made.json()["province"]
    device = {"name": "tv-huyen", "role": "display"}
    assert env.api("POST", f"/admin/devices?site={OTHER}", prov, json=device).status_code == 201
    listed = env.api("GET", f"/admin/devices?site={OTHER}", prov).json()
    assert [d["name"] for d in listed] == ["tv-huyen"]
    assert head(env) == before  # the changes are in the other centre's log
    # A centre admin cannot touch a province account, even one homed at their centre.
    problem(
        env.api("PATCH", "/admin/users/tinh", env.login("admin"), json={"disabled": True}),
        403,
        "forbidden",
    )


def test_every_admin_route_answers_problem_json_without_a_token(inproc: InProc) -> None:
    client: TestClient = inproc.client
    for method, path in [
        ("GET", "/admin/users"),
        ("POST", "/admin/devices"),
        ("PATCH", "/admin/users/x"),
    ]:
        problem(client.request(method, "/api/v1" + path, json={}), 401, "unauthenticated")
