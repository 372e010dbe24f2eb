"""The centre editor's logic without a browser: the inputs an admin fills in become the
centre file's JSON that the server accepts, and what the server answers lands on the
right tab, row and input (server/console/centre_form.py, centre_answer.py)."""

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from motcua.demo import SAMPLE
from protocol.centre import CentreConfig, CounterConf, ServiceConf
from protocol.phones import PhonesConf, RemoteConf, SlotConf
from protocol.snapshot import ProcedureInfo
from server.centre import explain, load_centre_file
from server.console.centre_answer import Failed, InUse, Invalid, Saved, outcome, waiting_param
from server.console.centre_form import CentreForm, from_input, numbers_text, to_input
from server.console.centre_specs import GENERAL, ITEMS, SCALARS, TAB_OF_KEY, TABS, Spec


@pytest.fixture
def form() -> CentreForm:
    return CentreForm(load_centre_file(SAMPLE).model_dump(mode="json"))


def server_says(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """What PUT /admin/centre answers for `body` as far as the file's rules go."""
    try:
        return 200, CentreConfig.model_validate(body).model_dump(mode="json")
    except ValidationError as e:
        errors = [{"loc": list(loc), "msg": msg} for loc, _, msg in explain(e)]
        return 422, {"type": "centre-invalid", "detail": errors[0]["loc"], "errors": errors}


def index_of(form: CentreForm, service_id: str) -> int:
    return next(i for i, s in enumerate(form.data["services"]) if s["id"] == service_id)


def test_an_untouched_centre_goes_back_as_it_came(form: CentreForm) -> None:
    for specs in SCALARS.values():  # every input shown, then left alone
        for spec in specs:
            form.set_value(spec, form.value(spec))
    for kind in ("services", "counters", "priority_groups", "rating_levels"):
        for i, item in enumerate(list(form.items(kind))):
            form.put_item(kind, i, item, form.item_inputs(kind, item))
    form.set_hours(form.hours_rows())
    assert not form.dirty
    assert server_says(form.body()) == (200, form.saved)


def test_every_value_of_the_centre_file_has_an_input() -> None:
    shown = {s.key.split(".")[0] for specs in SCALARS.values() for s in specs}
    lists = {"site", "hours", "closed_days", "priority_groups", "rating_levels"}
    assert set(CentreConfig.model_fields) - shown - lists == {"services", "counters"}
    for kind, model in (("services", ServiceConf), ("counters", CounterConf)):
        keys = {s.key.split(".")[0] for s in ITEMS[kind]}
        assert set(model.model_fields) - keys <= {"procedures", "services"}, kind
    assert set(TAB_OF_KEY.values()) <= set(TABS)


@pytest.mark.parametrize(
    ("model", "specs", "prefix"),
    [
        (ProcedureInfo, ITEMS["procedures"], ""),
        (RemoteConf, ITEMS["services"], "remote."),
        (SlotConf, ITEMS["services"], "slots."),
        (PhonesConf, SCALARS["phones"], "phones."),
    ],
)
def test_every_phone_and_procedure_setting_has_an_input(
    model: type[BaseModel], specs: tuple[Spec, ...], prefix: str
) -> None:
    keys = {s.key for s in specs}
    assert {prefix + name for name in model.model_fields} <= keys


def test_every_input_has_its_words_in_both_languages() -> None:
    import server.console.pages.centre  # noqa: F401  (its tabs add their words)
    from server.console import i18n

    specs = [s for specs in (*SCALARS.values(), *ITEMS.values()) for s in specs]
    labels = {s.label for s in specs} | {s.heading for s in specs if s.heading}
    labels |= {f"centre.tab.{tab}" for tab in TABS}
    assert labels - i18n.TEXTS.keys() == set()


def test_a_field_can_take_remote_numbers_and_bookings(form: CentreForm) -> None:
    i = index_of(form, "tu-phap")
    form.put_item(
        "services",
        i,
        form.items("services")[i],
        {
            "remote.enabled": True,
            "remote.daily_cap": 40.0,
            "slots.enabled": True,
            "slots.length_min": 20.0,
            "slots.closed_days": "2031-09-03, 2031-09-04",
        },
    )
    j = 0
    form.put_item(
        "procedures",
        j,
        form.items("procedures", i)[j],
        {
            "documents": "Tờ khai\n\n Giấy chứng sinh \n",
            "fee": "8.000 đồng",
            "result_time": "",
            "portal_url": " https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html ",
        },
        i,
    )
    status, saved = server_says(form.body())
    assert status == 200, saved
    svc = saved["services"][i]
    assert svc["remote"] == {"enabled": True, "daily_cap": 40}
    assert svc["slots"]["length_min"] == 20 and svc["slots"]["enabled"] is True
    assert svc["slots"]["closed_days"] == ["2031-09-03", "2031-09-04"]
    proc = svc["procedures"][j]
    assert proc["documents"] == ["Tờ khai", "Giấy chứng sinh"]
    assert proc["fee"] == "8.000 đồng" and proc["result_time"] is None
    assert proc["portal_url"].startswith("https://dichvucong.gov.vn/")
    row = form.phone_rows("en")[i]
    assert (row["name"], row["remote"], row["remote_cap"], row["slots"]) == (
        "Justice",
        True,
        40,
        True,
    )


def test_a_bad_portal_link_comes_back_on_its_input(form: CentreForm) -> None:
    i = index_of(form, "tu-phap")
    form.put_item("procedures", 0, form.items("procedures", i)[0], {"portal_url": "dichvucong"}, i)
    said = outcome(*server_says(form.body()), form.body(), form.saved)
    assert isinstance(said, Invalid)
    keys = list(form.item_inputs("procedures", form.items("procedures", i)[0]))
    assert list(said.item_inputs("services", i, keys, procedure=0)) == ["portal_url"]
    phones = next(s for s in SCALARS["phones"] if s.key == "phones.retention_days")
    form.set_value(phones, 0)
    said = outcome(*server_says(form.body()), form.body(), form.saved)
    assert isinstance(said, Invalid) and "phones.retention_days" in said.inputs()
    assert said.by_tab()["phones"] == 1


def test_a_new_field_and_a_counter_serving_it_are_accepted(form: CentreForm) -> None:
    svc = form.new_item("services")
    inputs = form.item_inputs("services", svc) | {
        "id": "thue",
        "name": "Thuế",
        "name_en": "Tax",
        "numbers.start": 18001.0,  # a number input gives floats
        "numbers.end": 18999.0,
        "daily_limit": "",
        "keywords": "thuế, mã số thuế, ,",
        "color": "#123456",
    }
    form.put_item("services", None, svc, inputs)
    counter = form.new_item("counters")
    counter["services"] = form.fields_from_rows([{"id": "thue", "weight": ""}, {"id": None}])
    form.put_item("counters", None, counter, {"id": 22.0, "name": "Quầy thuế"})

    status, saved = server_says(form.body())
    assert status == 200, saved
    new = next(s for s in saved["services"] if s["id"] == "thue")
    assert new["numbers"] == {"start": 18001, "end": 18999, "prefix": "", "width": 0}
    assert new["keywords"] == ["thuế", "mã số thuế"] and new["daily_limit"] is None
    assert saved["counters"][-1] == {
        "id": 22,
        "name": "Quầy thuế",
        "services": [{"id": "thue", "weight": 1.0}],
    }
    assert form.service_rows("en")[-1] | {"index": 0} == {
        "index": 0,
        "id": "thue",
        "name": "Tax",
        "numbers": "18001–18999",
        "daily_limit": "",
        "closed": False,
        "procedures": 0,
        "counters": "22",
        "color": "#123456",
    }


def test_colliding_numbers_are_shown_on_the_field_that_collides(form: CentreForm) -> None:
    i = index_of(form, "xay-dung")
    item = form.items("services")[i]
    form.put_item("services", i, item, {"numbers.start": 1500})  # inside dat-dai's 1001–1999
    status, body = server_says(form.body())
    said = outcome(status, body, form.body(), form.saved)
    assert isinstance(said, Invalid)
    (p,) = said.problems
    assert (p.tab, p.section, p.index, p.label) == ("fields", "services", i, "xay-dung")
    assert p.key == "numbers"
    assert "xay-dung" in p.msg and "dat-dai" in p.msg  # the server's own words
    assert said.by_tab() == {"fields": 1} and said.rows("services") == {i: [p.msg]}
    assert p.where == "xay-dung › numbers"


@pytest.mark.parametrize(
    ("loc", "tab", "section", "index", "key"),
    [
        (["body", "name"], "general", None, None, "name"),
        (["kiosk_limit", "tickets"], "general", None, None, "kiosk_limit.tickets"),
        (["priority_groups", 1, "code"], "general", "priority_groups", 1, "code"),
        (["hours"], "hours", "hours", None, "hours"),
        (["closed_days", 0], "hours", "closed_days", 0, ""),
        (["counters", 2, "services", 0], "counters", "counters", 2, "services.0"),
        (["announcement", "template"], "texts", None, None, "announcement.template"),
        (["rating_reasons", 3], "ratings", None, None, "rating_reasons"),
        (["rating_levels", 0, "name"], "ratings", "rating_levels", 0, "name"),
        (["no_show_after_s"], "ratings", None, None, "no_show_after_s"),
        (["alerts", "idle_min"], "alerts", None, None, "alerts.idle_min"),
        ([], "general", None, None, ""),
    ],
)
def test_each_place_of_the_file_has_its_tab(
    form: CentreForm, loc: list[Any], tab: str, section: str | None, index: int | None, key: str
) -> None:
    form.data["closed_days"] = ["2026-09-02"]
    said = outcome(422, {"errors": [{"loc": loc, "msg": "sai"}]}, form.body(), form.saved)
    assert isinstance(said, Invalid)
    p = said.problems[0]
    assert (p.tab, p.section, p.index, p.key, p.msg) == (tab, section, index, key, "sai")


def test_a_procedure_error_names_its_field_and_row(form: CentreForm) -> None:
    i = index_of(form, "tu-phap")
    form.put_item("procedures", 0, form.items("procedures", i)[0], {"id": "dat-dai-01"}, i)
    status, body = server_says(form.body())
    said = outcome(status, body, form.body(), form.saved)
    assert isinstance(said, Invalid)
    p = said.problems[0]
    assert (p.section, p.index, p.label, p.procedure) == ("services", i, "tu-phap", 0)
    assert "dat-dai-01" in p.msg


def test_bad_numbers_go_to_the_server_as_typed_and_come_back_on_their_input(
    form: CentreForm,
) -> None:
    spec = next(s for s in GENERAL if s.key == "kiosk_limit.tickets")
    form.set_value(spec, "mười")
    assert form.data["kiosk_limit"]["tickets"] == "mười"
    said = outcome(*server_says(form.body()), form.body(), form.saved)
    assert isinstance(said, Invalid)
    assert list(said.inputs()) == ["kiosk_limit.tickets"]


def test_removing_a_field_stops_the_counters_serving_it(form: CentreForm) -> None:
    i = index_of(form, "xay-dung")
    assert form.counters_serving("xay-dung") == [3, 4]
    form.remove_item("services", i)
    assert server_says(form.body())[0] == 200
    assert form.counter_rows("vi")[2]["fields"] == "Đất đai"
    assert form.counter_rows("vi")[3]["fields"] == ""


def test_renaming_a_field_renames_it_at_its_counters(form: CentreForm) -> None:
    i = index_of(form, "xay-dung")
    form.put_item("services", i, form.items("services")[i], {"id": "xd"})
    assert form.counters_serving("xd") == [3, 4] and form.counters_serving("xay-dung") == []
    assert form.counter_fields(form.items("counters")[2])[1] == {"id": "xd", "weight": 0.5}
    assert form.counter_rows("en")[2]["fields"] == "Land, Construction ×0.5"
    assert server_says(form.body())[0] == 200


def test_field_in_use_offers_the_kept_fields(form: CentreForm) -> None:
    form.remove_item("services", index_of(form, "xay-dung"))
    said = outcome(
        409,
        {"type": "field-in-use", "in_use": {"xay-dung": 3}},
        form.body(),
        form.saved,
        "en",
    )
    assert isinstance(said, InUse)
    assert said.fields == [("xay-dung", "Construction", 3)]
    assert "xay-dung" not in said.targets and said.targets["dat-dai"] == "Land"
    assert waiting_param("cancel") == "cancel"
    assert waiting_param("move", "dat-dai") == "move:dat-dai"


def test_other_answers(form: CentreForm) -> None:
    assert outcome(200, {"ok": True}, form.body(), form.saved) == Saved(None)
    assert outcome(200, form.saved, form.body(), form.saved) == Saved(form.saved)
    assert outcome(403, {"title": "Không có quyền"}, {}, {}) == Failed("Không có quyền")
    assert outcome(502, "bad gateway", {}, {}) == Failed("HTTP 502")


def test_hours_and_closed_days(form: CentreForm) -> None:
    rows = form.hours_rows()
    assert [r["day"] for r in rows if r["open"]] == ["mon", "tue", "wed", "thu", "fri", "sat"]
    rows[6] |= {"open": True, "opens": "08:00", "closes": "11:00"}  # Sunday mornings
    rows[5]["open"] = False
    form.set_hours(rows)
    before = form.closed_days()
    form.add_closed_day("2031-09-02")
    form.add_closed_day("2031-04-30")
    form.add_closed_day("2031-09-02")
    assert form.closed_days() == sorted([*before, "2031-04-30", "2031-09-02"])
    form.remove_closed_day("2031-04-30")
    status, saved = server_says(form.body())
    assert status == 200
    assert saved["hours"]["sun"] == ["08:00", "11:00"] and "sat" not in saved["hours"]
    assert saved["closed_days"] == sorted([*before, "2031-09-02"])


@pytest.mark.parametrize(
    ("spec", "raw", "value"),
    [
        (Spec("x", optional=True), "  ", None),
        (Spec("x"), "", ""),
        (Spec("x", "int", optional=True), None, None),
        (Spec("x", "int"), 3.0, 3),
        (Spec("x", "int"), "12", 12),
        (Spec("x", "int"), 2.5, 2.5),
        (Spec("x", "float"), "7.5", 7.5),
        (Spec("x", "words"), "a, b,, c ", ["a", "b", "c"]),
        (Spec("x", "lines"), "Họp\n\n Nghỉ \n", ["Họp", "Nghỉ"]),
        (Spec("x", "bool"), None, False),
    ],
)
def test_inputs_become_json(spec: Spec, raw: Any, value: Any) -> None:
    assert from_input(spec, raw) == value


def test_json_becomes_inputs() -> None:
    assert to_input(Spec("x", optional=True), None) == ""
    assert to_input(Spec("x", "words"), ["a", "b"]) == "a, b"
    assert to_input(Spec("x", "lines"), ["a", "b"]) == "a\nb"
    assert numbers_text({"prefix": "A", "start": 1, "end": 999, "width": 3}) == "A001–A999"
    assert numbers_text({"start": 1}) == "1–…"


def test_a_refused_row_shows_the_error_on_its_dialog_input(form: CentreForm) -> None:
    i = index_of(form, "xay-dung")
    form.put_item("services", i, form.items("services")[i], {"numbers.start": 1500})
    said = outcome(*server_says(form.body()), form.body(), form.saved)
    assert isinstance(said, Invalid)
    keys = list(form.item_inputs("services", form.items("services")[i]))
    assert list(said.item_inputs("services", i, keys)) == ["numbers.start"]
    assert said.item_inputs("services", i - 1, keys) == {}
    proc = outcome(
        422,
        {"errors": [{"loc": ["services", i, "procedures", 1, "id"], "msg": "trùng"}]},
        form.body(),
        form.saved,
    )
    assert isinstance(proc, Invalid)
    assert proc.item_inputs("services", i, ["id", "name"], procedure=1) == {"id": "trùng"}
    assert proc.item_inputs("services", i, ["id", "name"], procedure=0) == {}
