"""A supervisor's answer to a person's request about their phone number: what is held
(the number itself masked), and erasing it (logged without the number)."""

from typing import Annotated

from fastapi import APIRouter, Query

from protocol.public import PersonalData, PersonalDataErased, Phone
from server.api.deps import CentreManager, ServicesDep
from server.commands import personal_data

router = APIRouter(prefix="/admin/personal-data", tags=["admin"])
PhoneQuery = Annotated[Phone, Query(description="the person's phone number, any spelling")]


@router.get("")
def get_personal_data(phone: PhoneQuery, who: CentreManager, svc: ServicesDep) -> PersonalData:
    return personal_data.show(svc.ctx, who, phone)


@router.delete("")
def delete_personal_data(
    phone: PhoneQuery, who: CentreManager, svc: ServicesDep
) -> PersonalDataErased:
    return personal_data.erase(svc.ctx, who, phone)
