"""Command line: hear-check an announcement or list the clips a centre must record.

python -m display_app.announce 1023 5 -o /tmp/a.wav          # espeak, words
python -m display_app.announce A005 3 --digits -o /tmp/a.wav
python -m display_app.announce 15 2 --clips-dir clips/ -o /tmp/a.wav
python -m display_app.announce --list-clips                   # what to record
"""

from __future__ import annotations

import argparse
import string
import sys
import time
from pathlib import Path

from .backend import SynthesisError
from .clips import clip_key
from .config import AnnounceConfig
from .numbers import NUMBER_WORDS
from .synth import Synthesizer
from .text import DEFAULT_TEMPLATE, announcement_text
from .wavutil import measure, read_wav


def clips_to_record(template: str = DEFAULT_TEMPLATE) -> list[str]:
    """File names a clips folder needs: the template's phrases, then every number word."""
    phrases = [clip_key(text) for text, _, _, _ in string.Formatter().parse(template)]
    words = sorted(NUMBER_WORDS - {"triệu"})  # ticket numbers stay below a million
    return [f"{key}.wav" for key in [p for p in phrases if p] + words]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m display_app.announce")
    parser.add_argument("number", nargs="?", help='ticket number, e.g. "1023" or "A005"')
    parser.add_argument("counter", nargs="?", help="counter number")
    parser.add_argument("--digits", action="store_true", help="read the number digit by digit")
    parser.add_argument("--clips-dir", type=Path, help="use recorded clips from this folder")
    parser.add_argument("--template", default=DEFAULT_TEMPLATE)
    parser.add_argument("--rate", type=int, default=150, help="espeak words per minute")
    parser.add_argument("-o", "--output", type=Path, help="write the WAV here")
    parser.add_argument("--list-clips", action="store_true", help="list clips to record")
    args = parser.parse_args(argv)

    if args.list_clips:
        print("\n".join(clips_to_record(args.template)))
        print("# plus one clip per prefix letter you use: a.wav, b.wav, ...")
        return 0
    if args.number is None or args.counter is None:
        parser.error("number and counter are required")
    config = AnnounceConfig(
        template=args.template,
        number_reading="digits" if args.digits else "words",
        voice="clips" if args.clips_dir else "espeak",
        clips_dir=args.clips_dir,
        rate=args.rate,
        cache_dir=None,  # measure real synthesis, not the cache
    )
    text = announcement_text(config.template, args.number, args.counter, config.number_reading)
    print(text)
    try:
        started = time.perf_counter()
        wav = Synthesizer(config).announcement(text)
        elapsed = time.perf_counter() - started
    except SynthesisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    m = measure(read_wav(wav))
    print(
        f"{m.duration:.2f} s, rms {m.rms:.3f}, peak {m.peak:.3f}, "
        f"voiced {m.voiced_fraction:.0%}, made in {elapsed * 1000:.0f} ms"
    )
    if args.output:
        args.output.write_bytes(wav)
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
