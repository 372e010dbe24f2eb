"""Where the phone pages get what they show and do what the citizen asks: the same
queries and commands as the public API (server/api/public.py), so that a page and the
API never disagree. `Source` is what the pages need; `ServerSource` is the server's."""

from datetime import date
from typing import Annotated, Protocol

from fastapi import Depends

from protocol.public import (
    AppointmentBook,
    AppointmentBooked,
    AppointmentCancelled,
    PublicCentre,
    PublicTicket,
    PublicTicketCreate,
    SlotsDay,
)
from server.api.deps import Services, ServicesDep


class Source(Protocol):
    """Every method raises DomainError when the server refuses (its code and title)."""

    def centre(self, site: str | None) -> PublicCentre: ...

    def slots(self, site: str | None, service_id: str, day: date) -> SlotsDay: ...

    def booking(self, site: str | None, code: str) -> AppointmentBooked: ...

    async def take(
        self, site: str | None, body: PublicTicketCreate, client: str
    ) -> PublicTicket: ...

    async def book(
        self, site: str | None, body: AppointmentBook, client: str
    ) -> AppointmentBooked: ...

    async def cancel(self, site: str | None, code: str) -> AppointmentCancelled: ...


class ServerSource:
    def __init__(self, svc: Services) -> None:
        self.svc = svc

    def centre(self, site: str | None) -> PublicCentre:
        raise NotImplementedError

    def slots(self, site: str | None, service_id: str, day: date) -> SlotsDay:
        raise NotImplementedError

    def booking(self, site: str | None, code: str) -> AppointmentBooked:
        raise NotImplementedError

    async def take(self, site: str | None, body: PublicTicketCreate, client: str) -> PublicTicket:
        raise NotImplementedError

    async def book(self, site: str | None, body: AppointmentBook, client: str) -> AppointmentBooked:
        raise NotImplementedError

    async def cancel(self, site: str | None, code: str) -> AppointmentCancelled:
        raise NotImplementedError


def get_source(svc: ServicesDep) -> Source:
    return ServerSource(svc)


SourceDep = Annotated[Source, Depends(get_source)]
