"""Recorded-clips voice: lookup rules, join order, missing clips."""

from __future__ import annotations

import os
import unicodedata
from itertools import groupby
from pathlib import Path

import pytest

from display_app.announce import AnnounceConfig, SynthesisError, Synthesizer
from display_app.announce.clips import ClipsBackend, ascii_key, clip_key
from display_app.announce.text import DEFAULT_TEMPLATE, announcement_text
from display_app.announce.wavutil import read_wav


def _runs(wav: bytes) -> list[int]:
    """The sequence of constant values in a joined WAV: which clips, in which order."""
    return [value for value, _ in groupby(read_wav(wav).samples) if value != 0]


@pytest.fixture
def folder(tmp_path: Path, make_tone) -> tuple[Path, dict[str, int]]:
    """Phrase clips plus every number word, each a constant-valued 'recording'."""
    names = [
        "mời_công_dân_có_số_thứ_tự", "đến_quầy_số", "mời", "một", "mốt", "hai", "ba",
        "bốn", "tư", "năm", "lăm", "mười", "mươi", "linh", "trăm", "nghìn", "a",
    ]  # fmt: skip
    values = {name: 1000 + 10 * i for i, name in enumerate(names)}
    for name, value in values.items():
        (tmp_path / f"{name}.wav").write_bytes(make_tone(value=value, seconds=0.02))
    (tmp_path / "0.wav").write_bytes(make_tone(value=999, seconds=0.02))  # "không" by digit
    values["không"] = 999
    (tmp_path / "notes.txt").write_text("not a clip")
    return tmp_path, values


def test_keys() -> None:
    assert clip_key("Mời công dân, có số!") == "mời_công_dân_có_số"
    assert ascii_key("mời_công_dân_đến") == "moi_cong_dan_den"


def test_join_order_matches_words(folder) -> None:
    path, v = folder
    text = announcement_text(DEFAULT_TEMPLATE, "1023", 5, "words")
    wav = ClipsBackend(path, gap=0.0).synthesize(text, 150)
    expected = ["mời_công_dân_có_số_thứ_tự", "một", "nghìn", "không", "trăm", "hai", "mươi", "ba",
                "đến_quầy_số", "năm"]  # fmt: skip
    assert _runs(wav) == [v[k] for k in expected]


def test_special_forms_use_their_own_clips(folder) -> None:
    path, v = folder
    wav = ClipsBackend(path, gap=0.0).synthesize("A hai mươi mốt hai mươi tư mười lăm", 150)
    assert _runs(wav) == [
        v[k] for k in ["a", "hai", "mươi", "mốt", "hai", "mươi", "tư", "mười", "lăm"]
    ]


def test_gap_between_clips(folder) -> None:
    path, _ = folder
    joined = read_wav(ClipsBackend(path, gap=0.1).synthesize("một hai", 150))
    assert joined.duration == pytest.approx(0.02 + 0.1 + 0.02, abs=0.002)


def test_missing_clips_are_all_listed(folder) -> None:
    path, _ = folder
    (path / "nghìn.wav").unlink()
    with pytest.raises(SynthesisError) as err:
        ClipsBackend(path).synthesize("Mời công dân số B một nghìn đến quầy số sáu", 150)
    msg = str(err.value)
    for word in ("công", "dân", "số", "b", "nghìn", "sáu"):
        assert repr(word) in msg, msg
    assert "nghìn.wav or nghin.wav" in msg and str(path) in msg
    assert "'một'" not in msg and "'mời'" not in msg  # present clips are not listed


def test_ascii_names_and_digit_files(tmp_path: Path, make_tone) -> None:
    for name, value in {"moi_cong_dan": 10, "den_quay_so": 20, "1": 30, "nam": 40}.items():
        (tmp_path / f"{name}.wav").write_bytes(make_tone(value=value, seconds=0.02))
    wav = ClipsBackend(tmp_path, gap=0.0).synthesize("Mời công dân một đến quầy số năm", 150)
    assert _runs(wav) == [10, 30, 20, 40]


def test_decomposed_and_upper_case_file_names(tmp_path: Path, make_tone) -> None:
    nfd = unicodedata.normalize("NFD", "Mười")  # as macOS writes names
    (tmp_path / f"{nfd}.WAV").write_bytes(make_tone(value=55, seconds=0.02))
    assert _runs(ClipsBackend(tmp_path, gap=0.0).synthesize("mười", 150)) == [55]


def test_mixed_formats_are_joined(tmp_path: Path, make_tone) -> None:
    (tmp_path / "một.wav").write_bytes(make_tone(seconds=0.1, rate=8000))
    (tmp_path / "hai.wav").write_bytes(make_tone(seconds=0.1, rate=44100))
    pcm = read_wav(ClipsBackend(tmp_path, gap=0.0).synthesize("một hai", 150))
    assert pcm.rate == 8000 and pcm.duration == pytest.approx(0.2, abs=0.002)


def test_bad_clip_and_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "một.wav").write_bytes(b"garbage")
    with pytest.raises(SynthesisError, match="bad clip"):
        ClipsBackend(tmp_path).synthesize("một", 150)
    with pytest.raises(SynthesisError, match="cannot read clips folder"):
        ClipsBackend(tmp_path / "nope").synthesize("một", 150)


def test_voice_id_changes_when_a_clip_is_rerecorded(folder, make_tone) -> None:
    path, _ = folder
    backend = ClipsBackend(path)
    before = backend.voice_id
    clip = path / "một.wav"
    clip.write_bytes(make_tone(value=1, seconds=0.03))
    os.utime(clip, ns=(1, 1))
    assert backend.voice_id != before


def test_rerecorded_clip_is_not_served_from_cache(folder, make_tone, tmp_path_factory) -> None:
    path, _ = folder
    cfg = AnnounceConfig(voice="clips", clips_dir=path, chime=False,
                         cache_dir=tmp_path_factory.mktemp("cache"))  # fmt: skip
    synth = Synthesizer(cfg, backend_factory=lambda c: ClipsBackend(path, gap=0.0))
    assert _runs(synth.speech("hai")) == [read_wav((path / "hai.wav").read_bytes()).samples[0]]
    (path / "hai.wav").write_bytes(make_tone(value=4242, seconds=0.03))
    assert _runs(synth.speech("hai")) == [4242]
