"""A changed account or device is refused at once in every server process.

Each process's hub sees every committed event (its own, and the others' through the
broadcast backend). On `user.changed` or `device.changed` the process forgets the
tokens it trusted for that principal (the next request is checked against the database:
a disabled user, an old password's session, a revoked device get 401) and asks that
principal's open streams to check their token again (they close with 4401 if it no
longer holds)."""

from collections.abc import Callable
from typing import Any

from protocol.events import EventType
from server.realtime.hub import Hub

# event type -> (principal kind, the data key naming it)
WHO_CHANGED = {
    EventType.USER_CHANGED.value: ("user", "username"),
    EventType.DEVICE_CHANGED.value: ("device", "name"),
}


def changed_principal(event: dict[str, Any]) -> tuple[str, str] | None:
    spec = WHO_CHANGED.get(event.get("type", ""))
    if spec is None:
        return None
    name = (event.get("data") or {}).get(spec[1])
    return (spec[0], name) if isinstance(name, str) and name else None


def revoke_on_change(hub: Hub, forget: Callable[[str, str], None]) -> None:
    """Wire it: `forget(kind, name)` drops the cached tokens (server.commands.auth)."""

    def observe(event: dict[str, Any]) -> None:
        who = changed_principal(event)
        if who is not None:
            forget(*who)
            hub.changed(f"{who[0]}:{who[1]}")

    hub.observe(observe)
