"""An answer already serialised by its own model: the hot routes declare their response
model (OpenAPI shows it) and hand back the JSON their model wrote, so it is not
validated a second time on the way out."""

from fastapi import Response
from pydantic import BaseModel


def model_answer(model: BaseModel, status_code: int = 200, **headers: str) -> Response:
    return Response(
        model.model_dump_json(),
        status_code=status_code,
        media_type="application/json",
        headers=headers or None,
    )
