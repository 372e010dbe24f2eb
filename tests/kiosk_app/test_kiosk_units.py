"""The kiosk's pure parts: search, Vietnamese tone keys, tile grid, availability, config."""

from __future__ import annotations

import json
import random

import pytest

from clientkit.device_config import DeviceConfig
from kiosk_app.fields import build_fields
from kiosk_app.search import SearchEntry, SearchIndex, fold
from kiosk_app.settings import resolve_config, save_on_kiosk
from kiosk_app.ui.home import SPACING, plan_grid
from kiosk_app.vn_input import apply_tone
from motcua.demo import SAMPLE
from protocol import Catalog, ServiceInfo, ServiceState
from server.centre import load_centre_file

WORDS = [
    "đăng",
    "ký",
    "cấp",
    "đổi",
    "giấy",
    "phép",
    "chứng",
    "nhận",
    "quyền",
    "sử",
    "dụng",
    "đất",
    "xây",
    "dựng",
    "nhà",
    "ở",
    "kinh",
    "doanh",
    "hộ",
    "tịch",
    "khai",
    "sinh",
    "kết",
    "hôn",
    "thuế",
    "phí",
    "môi",
    "trường",
    "nước",
    "lao",
    "động",
    "bảo",
    "hiểm",
    "xã",
    "hội",
    "vận",
    "tải",
    "hành",
    "nghề",
    "y",
    "dược",
    "giáo",
    "dục",
    "đào",
    "tạo",
    "văn",
    "hóa",
    "du",
    "lịch",
    "thông",
    "tin",
    "truyền",
    "thông",
    "nông",
    "nghiệp",
]


def _big_index(n: int = 1500) -> tuple[SearchIndex, list[SearchEntry]]:
    rng = random.Random(7)
    fields = ["Đất đai", "Tư pháp", "Xây dựng", "Y tế", "Lao động – Thương binh và Xã hội"]
    entries = [SearchEntry(f"s{i}", None, name, name) for i, name in enumerate(fields)]
    for i in range(n):
        f = rng.randrange(len(fields))
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        entries.append(SearchEntry(f"s{f}", f"p{i}", name, fields[f]))
    return SearchIndex(entries), entries


def test_fold_removes_every_vietnamese_mark() -> None:
    assert fold("Đất Đai") == "dat dai"
    assert fold("Thương binh và Xã hội") == "thuong binh va xa hoi"
    assert fold("ỨNG DỤNG") == "ung dung"


def test_search_1500_procedures_with_or_without_diacritics_by_word_prefix() -> None:
    index, entries = _big_index()
    assert len(index) == 1505
    for query in ("dat dai", "Đất đai", "DAT DAI", "đất   đai"):
        hits = index.search(query, limit=5000)
        assert hits[0].name == "Đất đai"
        expected = {
            e for e in entries
            if {"dat", "dai"} <= set(fold(e.name).split()) | set(fold(e.service_name).split())
        }  # fmt: skip
        assert set(hits) == expected
    # Word prefixes: every query word starts some word of the name.
    for hit in index.search("gia ph", limit=5000):
        words = fold(hit.name).split() + fold(hit.service_name).split()
        assert any(w.startswith("gia") for w in words) and any(w.startswith("ph") for w in words)
    assert index.search("") == [] and index.search("   ") == []
    assert index.search("zzzz") == []


def test_search_ranks_whole_words_in_the_name_first() -> None:
    index = SearchIndex(
        [
            SearchEntry("tp", "a", "Chứng thực bản sao", "Tư pháp"),
            SearchEntry("tp", "b", "Đăng ký khai sinh", "Tư pháp"),
            SearchEntry("tp", "c", "Đăng ký khai sinh có yếu tố nước ngoài", "Tư pháp"),
            SearchEntry("tp", None, "Tư pháp", "Tư pháp", "Justice"),
        ]
    )
    assert [e.procedure_id for e in index.search("khai sinh")] == ["b", "c"]
    assert index.search("tu phap")[0].procedure_id is None  # the field itself first
    assert index.search("justice")[0].name == "Tư pháp"
    assert {e.procedure_id for e in index.search("tu phap ban")} == {"a"}


@pytest.mark.parametrize(
    ("typed", "tone", "expected"),
    [
        ("dat", "sac", "dát"),
        ("đât", "sac", "đất"),
        ("hoang", "huyen", "hoàng"),
        ("mua", "huyen", "mùa"),
        ("hoi", "hoi", "hỏi"),
        ("nguoi", "sac", "nguói"),
        ("ngươi", "huyen", "người"),
        ("quy", "sac", "quý"),
        ("gia", "nga", "giã"),
        ("ngoai", "huyen", "ngoài"),
        ("khai sinh", "nang", "khai sịnh"),
        ("xã", "hoi", "xả"),  # a new tone replaces the old one
        ("Đăng ky", "sac", "Đăng ký"),
        ("ng", "sac", "ng"),  # no vowel: nothing to mark
        ("", "sac", ""),
    ],
)
def test_tone_keys_mark_the_right_vowel(typed: str, tone: str, expected: str) -> None:
    assert apply_tone(typed, tone) == expected


def test_tile_grid_writes_every_field_name_large(qapp) -> None:
    from clientkit.qtapp import make_app

    make_app(quit_on_sigint=False)  # the shipped fonts
    names = [s.name for s in load_centre_file(SAMPLE).services]
    assert len(names) == 17
    # 1920×1080 and 1080×1920 kiosks; the 1280×800 window of `./run demo`.
    for width, height, least_px in ((1856, 760, 30), (1016, 1540, 30), (1216, 500, 18)):
        cols, px = plan_grid(names, width, height)
        rows = -(-len(names) // cols)
        assert (width - (cols - 1) * SPACING) // cols >= 128  # touch-sized
        assert (height - (rows - 1) * SPACING) // rows >= 80
        assert px >= least_px, (width, height, cols, px)  # readable at arm's length
    assert plan_grid(names, 1016, 1540)[0] <= 4  # portrait: few columns, many rows
    assert plan_grid([], 100, 100) == (1, 44)


def test_fields_show_only_what_the_server_says() -> None:
    catalog = Catalog(
        site="s", name="C", timezone="Asia/Ho_Chi_Minh", hours={},
        services=[
            ServiceInfo(id="a", name="A"),
            ServiceInfo(id="b", name="B", closed=True),
            ServiceInfo(id="c", name="C", daily_limit=3),
            ServiceInfo(id="d", name="D"),
            ServiceInfo(id="e", name="E", closed=True),  # not in the state yet
        ],
        counters=[], priority_groups=[], rating_levels=[], rating_reasons=[], pause_reasons=[],
        announcement_template="{number} {counter}", number_reading="digits",
    )  # fmt: skip
    states = {
        "a": ServiceState(id="a", name="A", waiting=4, open=True, estimated_wait_s=60),
        # The catalog says closed, the state (newer) says it takes tickets: the state wins.
        "b": ServiceState(id="b", name="B", waiting=0, open=True, estimated_wait_s=0),
        # 3 issued of a limit of 3, but the server has not said "daily-limit-reached":
        # the kiosk does not decide it (the server refuses, the kiosk reloads the state).
        "c": ServiceState(id="c", name="C", waiting=1, open=True, estimated_wait_s=0, issued=3),
        "d": ServiceState(
            id="d", name="D", waiting=0, open=True, estimated_wait_s=0, unavailable="outside-hours"
        ),
    }
    fields = {f.id: f for f in build_fields(catalog, states)}
    assert (fields["a"].available, fields["a"].waiting, fields["a"].estimated_wait_s) == (
        True, 4, 60,
    )  # fmt: skip
    assert fields["b"].available
    assert fields["c"].available
    assert fields["d"].unavailable == "outside-hours"
    assert fields["e"].unavailable == "service-closed"


def test_the_command_line_beats_settings_saved_on_the_kiosk(tmp_path) -> None:
    path = tmp_path / "kiosk.json"
    cfg = resolve_config("http://a:8000", "tok", "usb://0x0416:0x5011", 58, "en", path=path)
    assert (cfg.server_url, cfg.token, cfg.printer_url, cfg.paper_width_mm, cfg.language) == (
        "http://a:8000", "tok", "usb://0x0416:0x5011", 58, "en",
    )  # fmt: skip
    assert not path.exists()  # the command line alone writes nothing
    cfg.printer_url = "network://10.0.0.9:9100"
    save_on_kiosk(cfg)
    again = resolve_config("http://b:8000", "other", "dummy://", None, None, path=path)
    assert (again.server_url, again.token, again.printer_url) == (
        "http://b:8000", "other", "dummy://",
    )  # fmt: skip
    assert (again.paper_width_mm, again.language) == (58, "en")  # not given: the saved ones
    assert again.sources["printer_url"] == "command line"
    assert again.sources["paper_width_mm"] == "saved on this device"


def test_admin_pin_from_the_installer_is_stored_hashed(tmp_path) -> None:
    path = tmp_path / "kiosk.json"
    cfg = resolve_config(
        "http://a:8000", "tok", None, None, None, admin_pin="2468",
        labels={"admin_pin_hash": "MOTCUA_ADMIN_PIN"}, path=path,
    )  # fmt: skip
    assert cfg.check_pin("2468") and cfg.sources["admin_pin_hash"] == "MOTCUA_ADMIN_PIN"
    on_file = path.read_text()
    assert "2468" not in on_file and "pbkdf2_sha256$" in on_file
    assert list(json.loads(on_file)) == ["admin_pin_hash"]  # only the PIN was written
    stored = DeviceConfig.load("kiosk", path=path).admin_pin_hash
    resolve_config("http://a:8000", "tok", None, None, None, admin_pin="2468", path=path)
    assert DeviceConfig.load("kiosk", path=path).admin_pin_hash == stored  # not re-hashed
    later = resolve_config("http://a:8000", "tok", None, None, None, path=path)
    assert later.check_pin("2468")  # kept: the autostart entry need not repeat it
    assert later.sources["printer_url"] == "default"  # not "saved": never saved here
