"""Walk every route of the OpenAPI schema with no token, a wrong role and a right one."""

import re

import pytest

from motcua.demo import SAMPLE
from protocol.enums import Role
from server.centre import load_centre_file
from server.commands.accounts import add_user
from server.commands.setup import load_centre
from tests.support.inproc import InProc

# Who may call what (DESIGN.md "Who may do what"); routes not listed are for any token.
STAFF = {"admin", "supervisor", "clerk"}
RULES: list[tuple[str, str, set[str]]] = [
    ("POST", r"^/api/v1/tickets$", {"kiosk", "admin"}),
    ("GET", r"^/api/v1/tickets/\{ticket_id\}$", STAFF | {"kiosk"}),
    ("POST", r"^/api/v1/tickets/\{ticket_id\}/print-failed$", {"kiosk", "admin"}),
    ("POST", r"^/api/v1/tickets/\{ticket_id\}/printed$", {"kiosk", "admin"}),
    ("POST", r"^/api/v1/tickets/\{ticket_id\}/cancel$", {"admin", "supervisor"}),
    ("POST", r"^/api/v1/tickets/\{ticket_id\}/move-to-front$", {"admin", "supervisor"}),
    ("POST", r"^/api/v1/tickets/\{ticket_id\}/transfer$", {"admin", "supervisor"}),
    ("GET", r"^/api/v1/alerts$", {"admin", "supervisor"}),
    ("POST", r"^/api/v1/alerts/\{alert_id\}/ack$", {"admin", "supervisor"}),
    ("GET", r"^/api/v1/waiting$", {"admin", "supervisor"}),
    ("POST", r"^/api/v1/counters/", STAFF),
    ("GET", r"^/api/v1/counters/", STAFF),
    ("POST", r"^/api/v1/ratings$", {"rating-pad", "admin"}),
    ("GET", r"^/api/v1/stats/today$", {"admin", "supervisor"}),
    ("POST", r"^/api/v1/appointments$", {"admin", "supervisor"}),
    ("POST", r"^/api/v1/admin/day-close$", {"admin"}),
    ("GET", r"^/api/v1/admin/(users|devices)", {"admin"}),
    ("POST", r"^/api/v1/admin/(users|devices)", {"admin"}),
    ("PATCH", r"^/api/v1/admin/users/", {"admin"}),
    ("DELETE", r"^/api/v1/admin/devices/", {"admin"}),
    ("GET", r"^/api/v1/devices$", {"admin", "supervisor"}),
    ("GET", r"^/api/v1/reports$", {"admin", "supervisor"}),
    ("POST", r"^/api/v1/devices/me/printer$", {"kiosk"}),
    ("GET", r"^/api/v1/admin/centre(\.yaml)?$", {"admin"}),
    ("PUT", r"^/api/v1/admin/centre$", {"admin"}),
    ("GET", r"^/api/v1/audit$", {"admin", "supervisor"}),
    ("GET", r"^/api/v1/admin/personal-data$", {"admin", "supervisor"}),
    ("DELETE", r"^/api/v1/admin/personal-data$", {"admin", "supervisor"}),
    ("GET", r"^/api/v1/admin/notifications$", {"admin", "supervisor"}),
    ("GET", r"^/api/v1/admin/sites$", {"admin", "supervisor"}),
]
PUBLIC = [r"^/api/v1/public/", r"^/t/", r"^/healthz$", r"^/api/v1/auth/login$"]
ALL = {"admin", "supervisor", "clerk", "kiosk", "display", "rating-pad"}


def allowed(method: str, path: str) -> set[str]:
    for m, pattern, roles in RULES:
        if m == method and re.search(pattern, path):
            return roles
    return ALL


def routes(env: InProc) -> list[tuple[str, str]]:
    schema = env.client.get("/openapi.json").json()
    out = []
    for path, ops in schema["paths"].items():
        for method in ops:
            out.append((method.upper(), path))
    return out


def test_every_route_checks_its_role(inproc: InProc) -> None:
    env = inproc
    tokens = {
        "admin": env.login("admin"),
        "supervisor": env.login("giamsat"),
        "clerk": env.login("canbo1"),
        "kiosk": env.kiosk_token,
        "display": env.display_token,
        "rating-pad": env.rating_token,
    }
    checked = 0
    for method, path in routes(env):
        if any(re.search(p, path) for p in PUBLIC) or path.endswith("/auth/logout"):
            continue  # logout is tested on its own: walking it would end the sessions
        url = path.replace("{ticket_id}", "1").replace("{counter_id}", "1")
        r = env.client.request(method, url)
        assert r.status_code == 401, f"{method} {path} without token: {r.status_code}"
        assert r.json()["type"] == "unauthenticated"
        r = env.client.request(method, url, headers={"Authorization": "Bearer nope"})
        assert r.status_code == 401
        may = allowed(method, path)
        for role, token in tokens.items():
            r = env.client.request(
                method, url, headers={"Authorization": f"Bearer {token}"}, json={}
            )
            if role in may:
                assert r.status_code not in (401, 403) or r.json()["type"] == "not-your-counter", (
                    f"{role} refused at {method} {path}: {r.text}"
                )
            else:
                assert r.status_code == 403 and r.json()["type"] == "forbidden", (
                    f"{role} allowed at {method} {path}: {r.status_code}"
                )
            assert r.status_code < 500, f"{method} {path} as {role}: {r.text}"
        checked += 1
    assert checked >= 25


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/public/tickets/doesnotexist"])
def test_public_routes_need_no_token(inproc: InProc, path: str) -> None:
    assert inproc.client.get(path).status_code in (200, 404)


def test_rating_pad_bound_to_its_counter(inproc: InProc) -> None:
    env = inproc
    t = env.issue("tu-phap")
    env.counter(8, "open")
    env.counter(8, "call-next")
    env.counter(8, "start")
    env.counter(8, "finish")
    # the demo's rating pad stands at counter 1: it may not rate counter 8's citizen
    r = env.api(
        "POST", "/ratings", env.rating_token, json={"ticket_id": t["id"], "level": "satisfied"}
    )
    assert r.status_code == 403 and r.json()["type"] == "not-your-counter"


def test_logout_ends_the_session(inproc: InProc) -> None:
    token = inproc.login("giamsat")
    assert inproc.api("GET", "/auth/me", token).json()["role"] == "supervisor"
    assert inproc.api("POST", "/auth/logout", token).status_code == 204
    assert inproc.api("GET", "/auth/me", token).status_code == 401


OTHER = "trung-tam-huyen"


def test_a_province_manager_reads_any_centre_others_their_own(inproc: InProc) -> None:
    """`GET /admin/sites` lists what `?site=` may name; the catalog and the snapshot (the
    hall's reads) take it from province managers, and refuse it from everyone else."""
    env = inproc
    cfg = load_centre_file(SAMPLE).model_copy(
        update={"site": OTHER, "name": "Trung tâm huyện", "name_en": "District centre"}
    )
    load_centre(env.ctx, cfg, new_site=True)
    home = env.api("GET", "/catalog", env.kiosk_token).json()["site"]
    add_user(env.ctx, home, "tinh-gs", Role.SUPERVISOR, "mat-khau-dai", province=True)
    r = env.client.post(
        "/api/v1/auth/login", json={"username": "tinh-gs", "password": "mat-khau-dai"}
    )
    prov, centre = r.json()["token"], env.login("giamsat")

    assert env.api("GET", "/admin/sites", centre).json() == [
        {
            "code": home,
            "name": env.api("GET", "/catalog", centre).json()["name"],
            "name_en": env.api("GET", "/catalog", centre).json()["name_en"],
        }
    ]
    listed = env.api("GET", "/admin/sites", prov).json()
    assert {s["code"] for s in listed} == {home, OTHER}
    assert {"code": OTHER, "name": "Trung tâm huyện", "name_en": "District centre"} in listed

    catalog = env.api("GET", f"/catalog?site={OTHER}", prov).json()
    assert (catalog["site"], catalog["name"]) == (OTHER, "Trung tâm huyện")
    assert env.api("GET", f"/state?site={OTHER}", prov).json()["site"] == OTHER
    assert env.api("GET", "/state", prov).json()["site"] == home  # no pick: home
    r = env.api("GET", "/state?site=khong-co", prov)
    assert r.status_code == 404 and r.json()["type"] == "not-found"

    for token in (centre, env.login("canbo1"), env.kiosk_token, env.display_token):
        for path in ("/catalog", "/state"):
            r = env.api("GET", f"{path}?site={OTHER}", token)
            assert r.status_code == 403 and r.json()["type"] == "forbidden", (path, r.text)
            assert env.api("GET", f"{path}?site={home}", token).status_code == 200
    r = env.api("GET", f"/alerts?site={OTHER}", centre)
    assert r.status_code == 403 and r.json()["type"] == "forbidden"
