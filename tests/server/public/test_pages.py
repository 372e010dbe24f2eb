"""The phone pages drawn and submitted without a database (a FakeSource stands for the
server's queries and commands): what a citizen reads on each page, in both languages;
the forms send what the citizen chose, a phone number only with its consent box ticked;
a refusal comes back on the form in plain words; nothing is loaded from another host."""

import re
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from protocol.errors import ERROR_TITLES, ErrorCode
from server.public import actions, pages
from server.public.source import get_source
from server.settings import Settings
from tests.server.public.fakes import FakeSource


@pytest.fixture
def fake() -> FakeSource:
    return FakeSource()


@pytest.fixture
def client(fake: FakeSource) -> TestClient:
    app = FastAPI()
    app.state.services = SimpleNamespace(settings=Settings(public_burst=10_000))
    app.include_router(pages.router)
    app.include_router(actions.router)
    app.dependency_overrides[get_source] = lambda: fake
    return TestClient(app, follow_redirects=False)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_lists_the_fields_with_what_is_possible_now(client: TestClient) -> None:
    r = client.get("/m/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = text(r.text)
    assert "Lấy số thứ tự, đặt lịch hẹn" in page
    assert "Hôm nay mở cửa 07:00–17:00" in page
    justice = r.text.split('data-field="tu-phap"')[1].split("</a>")[0]
    assert "4 người đang chờ · khoảng 25 phút" in justice
    assert "Lấy số từ xa" in justice and "Đặt lịch hẹn" in justice
    land = r.text.split('data-field="dat-dai"')[1].split("</a>")[0]
    assert "Lấy số từ xa" not in land and "Không có ai đang chờ" in land


def test_english_is_remembered(client: TestClient) -> None:
    r = client.get("/m/?lang=en")
    assert "Take a number, book a time" in r.text and 'lang="en"' in r.text
    assert r.cookies.get("motcua_lang") == "en"
    again = client.get("/m/f/tu-phap")  # the cookie, no ?lang
    assert "Take a number now" in again.text and ">Justice<" in again.text
    assert 'href="/m/f/tu-phap?lang=vi"' in again.text  # the switch back


def test_a_field_says_why_no_number_can_be_taken_by_phone(client: TestClient) -> None:
    r = client.get("/m/f/dat-dai")
    assert ERROR_TITLES[ErrorCode.REMOTE_NOT_OFFERED] in r.text
    assert 'id="take-go"' not in r.text
    en = client.get("/m/f/dat-dai?lang=en")
    assert "does not take numbers by phone" in en.text


def test_a_procedure_says_what_to_bring(client: TestClient) -> None:
    r = client.get("/m/p/tu-phap-03")
    page = text(r.text)
    assert "Thành phần hồ sơ cần mang" in page
    assert "Tờ khai đăng ký khai sinh (theo mẫu)" in page
    assert "Ngay trong ngày" in page
    assert 'href="https://dichvucong.gov.vn/' in r.text
    assert 'href="/m/f/tu-phap/take?p=tu-phap-03"' in r.text
    bare = client.get("/m/p/xay-dung-02")
    assert "chưa có thông tin chi tiết" in bare.text
    assert client.get("/m/p/khong-co").status_code == 404


def test_taking_a_number_goes_to_the_tracking_page(client: TestClient, fake: FakeSource) -> None:
    form = client.get("/m/f/tu-phap/take?p=tu-phap-01")
    assert '<option value="tu-phap-01" selected>' in form.text
    assert fake.cfg.phones.consent_text in form.text
    r = client.post(
        "/m/f/tu-phap/take?lang=en",
        data={"procedure_id": "tu-phap-01", "phone": "0912 345 678", "consent": "1"},
    )
    assert r.status_code == 303 and r.headers["location"] == "/t/trackcode123456?lang=en"
    body, _ = fake.taken[-1]
    assert (body.procedure_id, body.phone, body.consent) == ("tu-phap-01", "0912345678", True)


def test_no_phone_typed_no_phone_sent(client: TestClient, fake: FakeSource) -> None:
    r = client.post("/m/f/tu-phap/take", data={"procedure_id": "", "phone": " "})
    assert r.status_code == 303
    body, _ = fake.taken[-1]
    assert (body.procedure_id, body.phone, body.consent) == (None, None, False)


def test_a_refusal_is_said_on_the_form(client: TestClient, fake: FakeSource) -> None:
    fake.refuse = ErrorCode.REMOTE_CAP_REACHED
    r = client.post("/m/f/tu-phap/take", data={})
    assert r.status_code == 409
    assert ERROR_TITLES[ErrorCode.REMOTE_CAP_REACHED] in r.text and 'id="form"' in r.text
    bad = client.post("/m/f/tu-phap/take?lang=en", data={"phone": "12", "consent": "1"})
    assert bad.status_code == 422 and "Please check what you typed" in bad.text
    assert fake.taken == []


def test_booking_a_time_then_cancelling_it(client: TestClient, fake: FakeSource) -> None:
    r = client.get("/m/f/tu-phap/book")
    assert 'data-date="2031-03-04"' in r.text and "Thứ Ba, 04/03/2031" in r.text
    assert re.search(r'value="2031-03-04T08:00:00\+07:00" required disabled', r.text)  # past
    assert "hết chỗ" in r.text and "còn 2 chỗ" in r.text
    sunday = client.get("/m/f/tu-phap/book?date=2031-03-09")
    assert ERROR_TITLES[ErrorCode.SLOT_UNAVAILABLE] in sunday.text
    done = client.post(
        "/m/f/tu-phap/book",
        data={"date": "2031-03-05", "slot_start": "2031-03-05T10:20:00+07:00"},
    )
    assert done.status_code == 303 and done.headers["location"] == "/m/b/TP0001"
    page = client.get("/m/b/TP0001")
    assert 'id="code">TP0001<' in page.text
    assert 'src="/api/v1/public/appointments/TP0001/qr.svg"' in page.text  # this host's
    assert "Thứ Tư, 05/03/2031, 10:20–10:40" in text(page.text)
    assert client.get("/m/b?code=tp0001 ").headers["location"] == "/m/b/TP0001"
    gone = client.post("/m/b/TP0001/cancel")
    assert gone.status_code == 200 and "Đã hủy lịch hẹn TP0001." in gone.text
    assert client.get("/m/b/TP0001").status_code == 404


def test_a_full_slot_is_refused_on_the_booking_form(client: TestClient, fake: FakeSource) -> None:
    fake.refuse = ErrorCode.SLOT_FULL
    r = client.post(
        "/m/f/tu-phap/book",
        data={"date": "2031-03-05", "slot_start": "2031-03-05T10:20:00+07:00"},
    )
    assert r.status_code == 409 and ERROR_TITLES[ErrorCode.SLOT_FULL] in r.text
    assert 'value="2031-03-05T10:20:00+07:00" required checked' in r.text  # still chosen
    none = client.post("/m/f/tu-phap/book", data={"date": "2031-03-05"})
    assert none.status_code == 409 and fake.booked == {}


@pytest.mark.parametrize(
    "path",
    ["/m/", "/m/f/tu-phap", "/m/f/tu-phap/take", "/m/f/tu-phap/book", "/m/p/dat-dai-01"],
)
def test_pages_are_small_and_load_nothing_from_elsewhere(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert len(r.content) < 24_000, len(r.content)  # the whole page: style and script inline
    loads = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    outside = [u for u in loads if u.startswith(("http:", "https:", "//"))]
    assert outside in ([], ["https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html"])
