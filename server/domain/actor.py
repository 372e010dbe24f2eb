"""Who is acting: a logged-in user or a device holding a token. The domain checks what
an actor may do (a clerk acts only at their own counter)."""

from dataclasses import dataclass

from protocol.enums import Role


@dataclass(frozen=True)
class Principal:
    kind: str  # "user" or "device"
    id: int
    name: str
    role: Role
    site: str
    full_name: str | None = None
    counter_id: int | None = None  # a device bound to one counter
    province: bool = False  # a user of the province: may act on any centre (`?site=`)

    @property
    def actor(self) -> str:
        return "system" if self.kind == "system" else f"{self.kind}:{self.name}"

    @property
    def is_manager(self) -> bool:
        return self.role in (Role.ADMIN, Role.SUPERVISOR)


SYSTEM = Principal("system", 0, "system", Role.ADMIN, "")


def citizen(site: str) -> Principal:
    """A citizen acting from a phone (no account): actor "public:phone" in the log."""
    return Principal("public", 0, "phone", Role.KIOSK, site)
