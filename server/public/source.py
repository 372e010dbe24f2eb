"""Where the phone pages get what they show and do what the citizen asks: the same
queries and commands as the public API (server/api/public.py), so that a page and the
API never disagree. `Source` is what the pages need; `ServerSource` is the server's."""

import asyncio
from datetime import date
from typing import Annotated, Protocol

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from protocol.errors import ErrorCode
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
from server.api.ratelimit import per_address_per_hour
from server.commands import bookings
from server.commands.remote import take_remote
from server.domain.errors import DomainError
from server.queries.public_centre import public_centre, public_site, slots_of_day


class Source(Protocol):
    """Every method raises DomainError when the server refuses (its code and title).
    `take` and `book` count against the address's numbers and bookings an hour."""

    def centre(self, site: str | None) -> PublicCentre: ...

    def slots(self, site: str | None, service_id: str, day: date) -> SlotsDay: ...

    def booking(self, site: str | None, code: str) -> AppointmentBooked: ...

    async def take(
        self, site: str | None, body: PublicTicketCreate, request: Request
    ) -> PublicTicket: ...

    async def book(
        self, site: str | None, body: AppointmentBook, request: Request
    ) -> AppointmentBooked: ...

    async def cancel(self, site: str | None, code: str) -> AppointmentCancelled: ...


class ServerSource:
    """The public API's own queries and commands (server/api/phones.py)."""

    def __init__(self, svc: Services) -> None:
        self.ctx, self.base_url = svc.ctx, svc.settings.public_base_url

    def centre(self, site: str | None) -> PublicCentre:
        return public_centre(self.ctx, public_site(self.ctx, site))

    def slots(self, site: str | None, service_id: str, day: date) -> SlotsDay:
        return slots_of_day(self.ctx, public_site(self.ctx, site), service_id, day)

    def booking(self, site: str | None, code: str) -> AppointmentBooked:
        return bookings.read_booking(self.ctx, public_site(self.ctx, site), code, self.base_url)

    async def take(
        self, site: str | None, body: PublicTicketCreate, request: Request
    ) -> PublicTicket:
        code = await self._limited(site, request)
        cmd = take_remote(code, body, self.base_url)
        return await self.ctx.halls.awrite(code, cmd)  # type: ignore[no-any-return]

    async def book(
        self, site: str | None, body: AppointmentBook, request: Request
    ) -> AppointmentBooked:
        code = await self._limited(site, request)
        cmd = bookings.book(code, body, self.base_url)
        return await self.ctx.halls.awrite(code, cmd)  # type: ignore[no-any-return]

    async def cancel(self, site: str | None, code: str) -> AppointmentCancelled:
        at = await asyncio.to_thread(public_site, self.ctx, site)
        return await self.ctx.halls.awrite(at, bookings.cancel(at, code))  # type: ignore[no-any-return]

    async def _limited(self, site: str | None, request: Request) -> str:
        """The centre, once this address is within its numbers and bookings an hour."""

        def per_hour() -> tuple[str, int]:
            code = public_site(self.ctx, site)
            with self.ctx.halls.read(code) as hall:
                return code, hall.cfg.phones.per_address_per_hour

        code, limit = await asyncio.to_thread(per_hour)
        try:
            per_address_per_hour(request, code, limit)
        except HTTPException:
            raise DomainError(ErrorCode.RATE_LIMITED) from None
        return code


def get_source(svc: ServicesDep) -> Source:
    return ServerSource(svc)


SourceDep = Annotated[Source, Depends(get_source)]
