"""Texts of the citizen-facing rating pad (registered on import)."""

from clientkit import i18n

i18n.register(
    {
        "counter.pad.language": ("English", "Tiếng Việt"),
        "counter.pad.counter": ("Quầy số {n}", "Counter {n}"),
        "counter.pad.clerk": ("Cán bộ tiếp nhận: {name}", "Officer: {name}"),
        "counter.pad.no_clerk": ("Quầy chưa có cán bộ", "No officer at this counter"),
        "counter.pad.serving": ("Đang phục vụ số", "Now serving"),
        "counter.pad.called": ("Mời công dân số", "Now calling number"),
        "counter.pad.welcome": ("Xin mời công dân", "Welcome"),
        "counter.pad.paused": ("Quầy tạm nghỉ", "Counter paused"),
        "counter.pad.closed": ("Quầy đã đóng", "Counter closed"),
        "counter.pad.idle_note": (
            "Sau khi được phục vụ, xin quý công dân đánh giá trên màn hình này",
            "After your service, please rate it on this screen",
        ),
        "counter.pad.ask": (
            "Quý công dân có hài lòng với sự phục vụ?",
            "How satisfied are you with our service?",
        ),
        "counter.pad.ask_ticket": (
            "Số {number} · Quầy số {n}",
            "Number {number} · Counter {n}",
        ),
        "counter.pad.reasons": (
            "Xin cho biết điều chưa hài lòng (chọn một hoặc nhiều)",
            "What went wrong? (choose one or more)",
        ),
        "counter.pad.send": ("Gửi đánh giá", "Send rating"),
        "counter.pad.skip": ("Gửi không kèm lý do", "Send without a reason"),
        "counter.pad.sending": ("Đang gửi…", "Sending…"),
        "counter.pad.thanks": ("Xin cảm ơn quý công dân!", "Thank you!"),
        "counter.pad.thanks_note": (
            "Ý kiến của quý công dân giúp chúng tôi phục vụ tốt hơn",
            "Your opinion helps us serve you better",
        ),
        "counter.pad.failed": (
            "Chưa gửi được đánh giá, xin vui lòng chạm lại",
            "The rating was not sent, please tap again",
        ),
    }
)
