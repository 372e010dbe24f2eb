"""Numbers taken from a phone: may one be taken now for a field, and why not; and the
rules a phone number comes with (required? consent given? too many today?). The hall's
own rules (closed, hours, daily limit) are availability.py's, reused here, not copied."""

from datetime import datetime

from protocol.centre import CentreConfig, ServiceConf
from protocol.errors import ErrorCode
from server.domain.availability import unavailable
from server.domain.errors import DomainError


def remote_unavailable(
    cfg: CentreConfig, svc: ServiceConf, issued: int, remote_issued: int, now: datetime
) -> ErrorCode | None:
    """Why no number of `svc` may be taken from a phone at `now` (after `issued` numbers
    today of which `remote_issued` from phones), or None when one may."""
    if not svc.remote.enabled:
        return ErrorCode.REMOTE_NOT_OFFERED
    why = unavailable(cfg, svc, issued, now)
    if why is not None:
        return why
    if remote_left(svc, remote_issued) == 0:
        return ErrorCode.REMOTE_CAP_REACHED
    return None


def remote_left(svc: ServiceConf, remote_issued: int) -> int | None:
    """Remote numbers left today under the field's cap (None: no cap)."""
    cap = svc.remote.daily_cap
    return None if cap is None else max(0, cap - remote_issued)


def check_phone(cfg: CentreConfig, phone: str | None, consent: bool, used_today: int) -> None:
    """A phone number comes only with consent, within the per-phone daily limit; the
    centre may require one. Raises the reason when the request must be refused."""
    if phone is None:
        if cfg.phones.phone_required:
            raise DomainError(ErrorCode.PHONE_REQUIRED)
        return
    if not consent:
        raise DomainError(ErrorCode.CONSENT_REQUIRED, "consent must be true with a phone")
    if used_today >= cfg.phones.per_phone_per_day:
        raise DomainError(
            ErrorCode.PHONE_LIMIT_REACHED, f"at most {cfg.phones.per_phone_per_day} a day"
        )
