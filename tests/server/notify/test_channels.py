"""The gateway by URL: webhook+http(s) posts to the URL without its `webhook+`, log://
writes the message with the number masked, unset sends no SMS, anything else is refused
at start with the schemes it knows (and without the rest of the URL, which may hold a
secret). The message texts: the centre's own call sentence."""

import asyncio
import logging

import pytest

from protocol.centre import CentreConfig
from protocol.notify import NotifyKind
from server.domain.notices import Notice
from server.notify.channels import LogGateway, Sms, Webhook, gateway_for
from server.notify.texts import message_text


def test_the_gateway_is_chosen_by_its_url() -> None:
    hook = gateway_for("webhook+https://sms.example.gov.vn/send?key=s3cret", 5)
    assert isinstance(hook, Webhook) and hook.url == "https://sms.example.gov.vn/send?key=s3cret"
    assert isinstance(gateway_for("webhook+http://10.0.0.9:8080/sms", 5), Webhook)
    assert isinstance(gateway_for("log://", 5), LogGateway)
    assert gateway_for(None, 5) is None and gateway_for("", 5) is None
    with pytest.raises(ValueError, match="webhook\\+https://host/path") as e:
        gateway_for("smpp://user:s3cret@sms.example.gov.vn", 5)
    assert "s3cret" not in str(e.value)


def test_log_gateway_masks_the_number(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="server.notify.channels")
    asyncio.run(LogGateway().send(Sms("0912345678", "Mời công dân", "1023", "called")))
    assert "09xx xxx 678" in caplog.text and "0912345678" not in caplog.text


def test_the_call_is_the_centres_own_sentence() -> None:
    cfg = CentreConfig.model_validate(
        {
            "site": "t",
            "name": "Trung tâm",
            "announcement": {"template": "Xin mời số {number} tới quầy {counter} ạ"},
            "services": [{"id": "a", "name": "Đất đai", "name_en": "Land"}],
            "counters": [{"id": 5, "services": ["a"]}],
        }
    )
    called = Notice(1, NotifyKind.CALLED, "A012", "a", counter_id=5)
    assert message_text(cfg, called, "vi") == "Xin mời số A012 tới quầy 5 ạ"
    assert message_text(cfg, called, "en") == "Number A012: please go to counter 5."
    near = Notice(1, NotifyKind.NEAR, "A012", "a", ahead=2)
    assert message_text(cfg, near, "en") == (
        "Number A012 (Land): your turn is near, 2 ahead of you. Please come back to the hall."
    )
