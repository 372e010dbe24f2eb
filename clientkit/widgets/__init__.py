"""Widgets that at least two apps need. They import the service layer, never the
other way round: the network side speaks to widgets only through Qt signals."""

from clientkit.widgets.big_button import BigButton
from clientkit.widgets.connection_badge import ConnectionBadge
from clientkit.widgets.toast import Toast

__all__ = ["BigButton", "ConnectionBadge", "Toast"]
