"""What a message says, in the page's language. The call is the centre's own sentence
(the announcement template the hall hears, with the number as printed); "near" says how
many are ahead. Decided when the message is queued and kept with it."""

from protocol.announcement import fill_template
from protocol.centre import CentreConfig
from protocol.notify import NotifyKind
from server.domain.notices import Notice

_NEAR = {
    "vi": "Số {number} ({service}): sắp đến lượt, còn {ahead} người trước bạn. "
    "Mời bạn về gần quầy.",
    "en": "Number {number} ({service}): your turn is near, {ahead} ahead of you. "
    "Please come back to the hall.",
}
_NEAR_NEXT = {
    "vi": "Số {number} ({service}): bạn là người tiếp theo. Mời bạn về gần quầy.",
    "en": "Number {number} ({service}): you are next. Please come back to the hall.",
}
_CALLED_EN = "Number {number}: please go to counter {counter}."
TITLE = {"vi": "Số thứ tự {number}", "en": "Number {number}"}


def message_text(cfg: CentreConfig, notice: Notice, lang: str) -> str:
    en = lang == "en"
    if notice.kind == NotifyKind.CALLED:
        counter = str(notice.counter_id)
        if en:
            return _CALLED_EN.format(number=notice.number, counter=counter)
        return fill_template(cfg.announcement.template, notice.number, counter)
    svc = cfg.service(notice.service_id)
    name = (svc.name_en if en and svc and svc.name_en else svc.name) if svc else notice.service_id
    texts = (_NEAR_NEXT if not notice.ahead else _NEAR)["en" if en else "vi"]
    return texts.format(number=notice.number, service=name, ahead=notice.ahead)


def title(number: str, lang: str) -> str:
    """The push notification's title."""
    return TITLE["en" if lang == "en" else "vi"].format(number=number)
