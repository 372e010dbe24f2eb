"""One module per console page; importing this package registers every page with
NiceGUI (done once per process by server.console.mount)."""

from server.console.pages import (
    alerts,
    audit,
    centre,
    devices,
    hall,
    login,
    report_print,
    reports,
    users,
)

__all__ = [
    "alerts",
    "audit",
    "centre",
    "devices",
    "hall",
    "login",
    "report_print",
    "reports",
    "users",
]
