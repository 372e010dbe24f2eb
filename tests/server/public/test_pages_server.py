"""The phone pages on the real server in-process (SQLite and PostgreSQL, a fake clock at
09:00): what the pages show is what the public API says, and what they do is what the
API does — a number taken lands in the hall and on the tracking page, a booking made on
the page is the API's booking, a refusal is the server's own."""

import re

from protocol.errors import ERROR_TITLES, ErrorCode
from tests.server.api.phones_support import FIELD, configure
from tests.support.inproc import InProc


def test_a_number_taken_on_the_page_is_the_halls(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env, remote={"daily_cap": 2})
    home = env.client.get("/m/")
    assert home.status_code == 200 and 'data-field="tu-phap"' in home.text
    r = env.client.post(
        f"/m/f/{FIELD}/take",
        data={"procedure_id": "tu-phap-03", "phone": "0912 345 678", "consent": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    code = re.fullmatch(r"/t/([A-Za-z0-9_-]+)\?lang=vi", r.headers["location"])
    assert code
    track = env.client.get(f"/api/v1/public/tickets/{code[1]}").json()
    assert track["status"] == "waiting" and track["service_id"] == FIELD
    field = env.client.get(f"/m/f/{FIELD}?lang=en")
    assert "1 waiting" in field.text and "Remote numbers left today: 1" in field.text

    env.client.post(f"/m/f/{FIELD}/take", data={}, follow_redirects=False)
    refused = env.client.post(f"/m/f/{FIELD}/take?lang=vi", data={}, follow_redirects=False)
    assert refused.status_code == 409
    assert ERROR_TITLES[ErrorCode.REMOTE_CAP_REACHED] in refused.text
    assert ERROR_TITLES[ErrorCode.REMOTE_CAP_REACHED] in env.client.get(f"/m/f/{FIELD}").text


def test_a_booking_made_on_the_page_is_the_apis(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env)
    tomorrow = (env.clock.now().date()).fromordinal(env.clock.now().date().toordinal() + 1)
    day = env.client.get(f"/m/f/{FIELD}/book?date={tomorrow.isoformat()}")
    assert day.status_code == 200, day.text
    first = re.search(r'name="slot_start" value="([^"]+)" required>', day.text)
    assert first, day.text
    r = env.client.post(
        f"/m/f/{FIELD}/book",
        data={"date": tomorrow.isoformat(), "slot_start": first[1]},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    code = r.headers["location"].rsplit("/", 1)[1]
    api = env.api("GET", f"/public/appointments/{code}").json()
    assert api["slot_start"][:16] == first[1][:16]
    page = env.client.get(f"/m/b/{code}")
    assert f'id="code">{code}<' in page.text
    qr = re.search(r'id="qr" src="([^"]+)"', page.text)
    assert qr and env.client.get(qr[1]).headers["content-type"].startswith("image/svg+xml")
    assert env.client.post(f"/m/b/{code}/cancel").status_code == 200
    assert env.api("GET", f"/public/appointments/{code}").status_code == 404


def test_the_door_poster_points_at_the_phone_pages(inproc: InProc) -> None:
    r = inproc.client.get("/m/door")
    assert r.status_code == 200 and "<svg" in r.text
    assert f"{inproc.settings.public_base_url}/m/" in r.text
