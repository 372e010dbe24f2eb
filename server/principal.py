"""Who is acting (the domain's Actor), under the name the API layer has always used."""

from server.domain.actor import SYSTEM, Principal

__all__ = ["SYSTEM", "Principal"]
