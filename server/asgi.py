"""`uvicorn server.asgi:app` (used for several workers): settings from MOTCUA_* variables."""

from server.app import create_app

app = create_app()
