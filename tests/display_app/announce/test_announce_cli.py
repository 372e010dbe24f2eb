"""`python -m display_app.announce`: clip checklist and rendering with recorded clips."""

from __future__ import annotations

from pathlib import Path

from display_app.announce.__main__ import clips_to_record, main
from display_app.announce.wavutil import read_wav


def test_clips_to_record() -> None:
    names = clips_to_record()
    assert names[:2] == ["mời_công_dân_có_số_thứ_tự.wav", "đến_quầy_số.wav"]
    for word in ("một", "mốt", "mười", "mươi", "linh", "trăm", "nghìn", "lăm", "tư", "không"):
        assert f"{word}.wav" in names


def test_render_with_a_complete_clip_folder(tmp_path: Path, make_tone, capsys) -> None:
    for name in clips_to_record():
        (tmp_path / name).write_bytes(make_tone(seconds=0.05))
    (tmp_path / "a.wav").write_bytes(make_tone(seconds=0.05))
    out = tmp_path / "out.wav"
    assert main(["A1023", "15", "--clips-dir", str(tmp_path), "-o", str(out)]) == 0
    assert "A một nghìn không trăm hai mươi ba đến quầy số mười lăm" in capsys.readouterr().out
    assert read_wav(out.read_bytes()).duration > 2.0  # chime + 11 clips


def test_missing_clips_exit_1(tmp_path: Path, capsys) -> None:
    assert main(["5", "1", "--clips-dir", str(tmp_path)]) == 1
    assert "missing clips" in capsys.readouterr().err


def test_list_clips(capsys) -> None:
    assert main(["--list-clips"]) == 0
    assert "đến_quầy_số.wav" in capsys.readouterr().out
