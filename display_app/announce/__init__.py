"""Voice announcements for the waiting hall: chime + "Mời công dân có số thứ tự … đến quầy số …".

Typical use from the display (GUI thread):

    from display_app.announce import AnnounceConfig, Announcer
    announcer = Announcer(AnnounceConfig(number_reading="words"), parent=window)
    on ticket.called:   announcer.announce(ticket.number, counter.number)
    on ticket.recalled: announcer.announce(ticket.number, counter.number, recall=True)

See README.md in this folder for settings and the recorded-clips folder layout.
"""

from .announcer import Announcer
from .backend import SilentBackend, SynthesisError, VoiceBackend
from .cache import SpeechCache
from .chime import chime_wav
from .clips import ClipsBackend
from .config import AnnounceConfig
from .numbers import digits_to_words, number_to_words
from .player import QtPlayer
from .sequencer import AnnouncementQueue, Player
from .synth import Synthesizer, make_backend
from .text import DEFAULT_TEMPLATE, announcement_text, read_ticket_number

__all__ = [
    "DEFAULT_TEMPLATE",
    "AnnounceConfig",
    "AnnouncementQueue",
    "Announcer",
    "ClipsBackend",
    "Player",
    "QtPlayer",
    "SilentBackend",
    "SpeechCache",
    "SynthesisError",
    "Synthesizer",
    "VoiceBackend",
    "announcement_text",
    "chime_wav",
    "digits_to_words",
    "make_backend",
    "number_to_words",
    "read_ticket_number",
]
