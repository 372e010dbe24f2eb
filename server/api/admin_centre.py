"""Admins: the centre's configuration over the API, the database its source of truth.
`GET`/`PUT /admin/centre` in the centre file's shape; `GET /admin/centre.yaml` the file
itself, which `motcua init --config` imports back unchanged."""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from server.api.deps import CentreAdmin, ServicesDep
from server.centre import dump_centre_yaml
from server.commands.centre import change_centre, parse_centre
from server.domain.config_change import Waiting
from server.domain.errors import DomainError
from server.queries.centre import centre_of

router = APIRouter(tags=["admin"])
WAITING = r"^(cancel|move:[a-z0-9][a-z0-9_-]{0,63})$"
_BODY = {"$ref": "#/components/schemas/CentreConfig"}


async def _json_body(request: Request) -> Any:
    """The body as JSON, checked by the centre's own rules (`centre-invalid` naming each
    place) rather than FastAPI's; the document still shows it as a CentreConfig."""
    try:
        return json.loads(await request.body())
    except ValueError:
        raise DomainError(ErrorCode.MALFORMED, "body is not valid JSON") from None


@router.get("/admin/centre")
def get_centre(who: CentreAdmin, svc: ServicesDep) -> CentreConfig:
    return centre_of(svc.ctx, who.site)


@router.put(
    "/admin/centre",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": _BODY}}}
    },
)
def put_centre(
    who: CentreAdmin,
    svc: ServicesDep,
    body: Annotated[Any, Depends(_json_body)],
    waiting: Annotated[
        str | None,
        Query(
            pattern=WAITING,
            description="What becomes of the citizens of fields this change removes: "
            "`cancel` their tickets, or `move:<field id>` them into a field of the new "
            "configuration, each keeping its place. Without it such a change is refused "
            "(409 `field-in-use`, `in_use`: {field: citizens}).",
        ),
    ] = None,
) -> CentreConfig:
    cfg = parse_centre(who.site, body)
    change_centre(svc.ctx, who, cfg, _waiting(waiting))
    return centre_of(svc.ctx, who.site)


@router.get(
    "/admin/centre.yaml",
    response_class=Response,
    responses={
        200: {
            "description": "The centre file (UTF-8 YAML), as `motcua init --config` reads it",
            "content": {"application/yaml": {"schema": {"type": "string"}}},
        }
    },
)
def get_centre_yaml(who: CentreAdmin, svc: ServicesDep) -> Response:
    cfg = centre_of(svc.ctx, who.site)  # its id is [a-z0-9_-]: a safe file name
    return Response(
        dump_centre_yaml(cfg).encode("utf-8"),
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="centre-{cfg.site}.yaml"'},
    )


def _waiting(text: str | None) -> Waiting | None:
    if text is None:
        return None
    return Waiting() if text == "cancel" else Waiting(move_to=text.removeprefix("move:"))
