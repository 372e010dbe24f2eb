"""`/docs` (Swagger UI) and `/redoc` for an offline LAN: their scripts, style sheets and
icon come from this server (the files the fastapi-offline package ships), no web font is
named, and a Content-Security-Policy keeps the browser from fetching anything from
another host (ReDoc's bundle names a logo on its makers' CDN; the browser skips it)."""

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_URL = "/docs-static"
_FILES = Path(fastapi_offline.__file__).parent / "static"
# Inline scripts and styles: both pages start from one; ReDoc searches in a blob worker.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:"
)


def install(app: FastAPI) -> None:
    """Serve the pages; `app` was made with `docs_url=None, redoc_url=None`."""
    app.mount(STATIC_URL, StaticFiles(directory=_FILES), name="docs-static")
    oauth_redirect = "/docs/oauth2-redirect"

    def here(request: Request, path: str) -> str:
        return f"{request.scope.get('root_path', '')}{path}"

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=here(request, app.openapi_url or "/openapi.json"),
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=here(request, oauth_redirect),
            swagger_js_url=here(request, f"{STATIC_URL}/swagger-ui-bundle.js"),
            swagger_css_url=here(request, f"{STATIC_URL}/swagger-ui.css"),
            swagger_favicon_url=here(request, f"{STATIC_URL}/favicon.png"),
            swagger_ui_parameters={"validatorUrl": None},  # no online validator badge
        )
        page.headers["Content-Security-Policy"] = CSP
        return page

    @app.get(oauth_redirect, include_in_schema=False)
    async def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=here(request, app.openapi_url or "/openapi.json"),
            title=f"{app.title} - ReDoc",
            redoc_js_url=here(request, f"{STATIC_URL}/redoc.standalone.js"),
            redoc_favicon_url=here(request, f"{STATIC_URL}/favicon.png"),
            with_google_fonts=False,
        )
        page.headers["Content-Security-Policy"] = CSP
        return page
