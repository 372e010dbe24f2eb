"""The translator, without Qt."""

from __future__ import annotations

import pytest

from clientkit import i18n
from clientkit.i18n import Translator


def make() -> Translator:
    t = Translator()
    t.register(
        {
            "k.take": ("Lấy số", "Take a number"),
            "k.wait": ("Còn {n} người trước bạn", "{n} people ahead of you"),
            "k.vi_only": ("Chỉ tiếng Việt", ""),
        }
    )
    return t


def test_vietnamese_by_default_english_on_switch():
    t = make()
    assert t.language == "vi"
    assert t.tr("k.take") == "Lấy số"
    t.set_language("en")
    assert t.tr("k.take") == "Take a number"
    assert t.tr("k.wait", n=3) == "3 people ahead of you"


def test_fallbacks_never_raise():
    t = make()
    t.set_language("en")
    assert t.tr("k.vi_only") == "Chỉ tiếng Việt"
    assert t.tr("k.missing") == "k.missing"
    assert t.tr("k.wait") == "{n} people ahead of you"  # no args: raw text
    assert t.tr("k.wait", m=1) == "{n} people ahead of you"  # wrong args: unformatted


def test_listeners_hear_real_changes_only():
    t = make()
    heard: list[str] = []
    unsubscribe = t.subscribe(heard.append)
    t.set_language("vi")
    t.set_language("en")
    assert t.toggle() == "vi"
    unsubscribe()
    unsubscribe()  # twice is harmless
    t.set_language("en")
    assert heard == ["en", "vi"]


def test_conflicting_registration_is_refused_same_text_is_fine():
    t = make()
    t.register({"k.take": ("Lấy số", "Take a number")})
    with pytest.raises(ValueError, match="k.take"):
        t.register({"k.take": ("Lấy số thứ tự", "Take a number")})
    assert t.has("k.take") and not t.has("k.nope")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        Translator("fr")
    with pytest.raises(ValueError):
        make().set_language("fr")


def test_pick_server_texts():
    t = make()
    assert t.pick("Đất đai", "Land") == "Đất đai"
    t.set_language("en")
    assert t.pick("Đất đai", "Land") == "Land"
    assert t.pick("Đất đai", None) == "Đất đai"


def test_module_level_translator_has_clientkit_strings():
    assert i18n.language() == "vi"
    assert i18n.tr("ck.offline") == "Mất kết nối"
