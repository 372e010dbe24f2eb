"""The rating pad's one command."""

from fastapi import APIRouter

from protocol.commands import RatingCreate, RatingPublic
from server.api.deps import RatingPadOrAdmin, ServicesDep
from server.commands.ratings import submit_rating

router = APIRouter(prefix="/ratings", tags=["ratings"])


@router.post("", status_code=201)
def post_rating(body: RatingCreate, who: RatingPadOrAdmin, svc: ServicesDep) -> RatingPublic:
    return submit_rating(svc.ctx, who, body)
