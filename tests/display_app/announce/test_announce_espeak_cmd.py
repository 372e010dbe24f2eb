"""espeak-ng selection and the command-line fallback (with a stand-in espeak-ng program)."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from display_app.announce import espeak
from display_app.announce.backend import SynthesisError
from display_app.announce.wavutil import read_wav

FAKE_ESPEAK = """#!{python}
import math, struct, sys, wave
args = sys.argv[1:]
text = sys.stdin.buffer.read().decode("utf-8")
open({log!r}, "w").write(repr(args) + "\\n" + text)
if "fail" in text:
    sys.stderr.write("boom")
    sys.exit(3)
out = args[args.index("-w") + 1]
with wave.open(out, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)
    w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i / 5))) for i in range(2205)))
"""


@pytest.fixture
def fake_exe(tmp_path: Path) -> tuple[Path, Path]:
    log = tmp_path / "args.txt"
    exe = tmp_path / "espeak-ng"
    exe.write_text(FAKE_ESPEAK.format(python=sys.executable, log=str(log)))
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe, log


def test_command_backend(fake_exe) -> None:
    exe, log = fake_exe
    backend = espeak.EspeakCommandBackend(str(exe), "vi")
    pcm = read_wav(backend.synthesize("Mời công dân --help số một", 140))
    assert pcm.duration == pytest.approx(0.1)
    args, text = log.read_text().split("\n", 1)
    assert "'-v', 'vi'" in args and "'-s', '140'" in args and "'--stdin'" in args
    assert text == "Mời công dân --help số một"  # via stdin, never parsed as options
    assert backend.voice_id.startswith("espeak-cmd:")


def test_command_backend_error(fake_exe) -> None:
    exe, _ = fake_exe
    with pytest.raises(SynthesisError, match="exited 3: boom"):
        espeak.EspeakCommandBackend(str(exe)).synthesize("fail", 150)


def test_falls_back_to_the_program(monkeypatch, fake_exe) -> None:
    exe, _ = fake_exe

    def broken(voice: str = "vi"):
        raise SynthesisError("library missing")

    monkeypatch.setattr(espeak, "EspeakLibraryBackend", broken)
    monkeypatch.setattr(espeak.shutil, "which", lambda name: str(exe))
    assert isinstance(espeak.make_espeak_backend("vi"), espeak.EspeakCommandBackend)
    monkeypatch.setattr(espeak.shutil, "which", lambda name: None)
    with pytest.raises(SynthesisError, match="library missing.*no espeak-ng program"):
        espeak.make_espeak_backend("vi")
