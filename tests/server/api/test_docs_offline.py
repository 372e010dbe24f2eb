"""/docs (Swagger UI) and /redoc on an offline LAN: every script, style sheet, icon and
font comes from the server itself, and the pages still show the API.

The browser test loads both pages in Debian's headless Chromium against a live server,
refusing (and recording) any request to another host, and saves a screenshot to
/tmp/shots/docs.png; it skips, saying why, without chromium or playwright."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import assert_only_from
from tests.support.inproc import InProc
from tests.support.live_server import LiveServer

SHOTS = Path("/tmp/shots")
_LINK = re.compile(r"""\b(?:src|href)=["']([^"']+)""", re.I)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_pages_name_no_other_host(inproc: InProc, page: str) -> None:
    r = inproc.client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    links = _LINK.findall(r.text)
    assert links, r.text
    assert [u for u in links if "//" in u] == [], "a CDN or font host in the page"
    for url in links:  # each file it names is served, by this server
        assert inproc.client.get(url).status_code == 200, url
    assert "fonts.googleapis" not in r.text
    # The browser itself refuses anything from another host.
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_the_problem_documents_are_still_in_the_api_document(inproc: InProc) -> None:
    doc = inproc.client.get("/openapi.json").json()
    assert doc["info"]["title"] == "MotCua Queue"
    assert doc["info"]["description"].startswith("Hệ thống xếp hàng tự động")
    answers = doc["paths"]["/api/v1/audit"]["get"]["responses"]
    assert answers["422"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }
    assert answers["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AuditPage"
    }


@pytest.mark.slow
def test_docs_and_redoc_load_from_the_server_alone(live_server: LiveServer, browser: Any) -> None:
    srv = live_server
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    requests: list[Any] = []

    def only_the_server(route: Any) -> None:
        requests.append(route.request)
        if route.request.url.startswith(srv.url + "/"):
            route.continue_()
        else:  # what an offline LAN does to a CDN request
            route.abort()

    page.route("**/*", only_the_server)
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.goto(f"{srv.url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "MotCua Queue" in (page.text_content(".swagger-ui .info .title") or "")
    assert "Hệ thống xếp hàng tự động" in (page.text_content(".swagger-ui .info") or "")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = {p.strip() for p in page.locator(".opblock-summary-path").all_text_contents()}
    assert {"/api/v1/audit", "/api/v1/tickets", "/api/v1/counters/{counter_id}/call-next"} <= {
        p.replace("\u200b", "") for p in paths
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "docs.png"))

    page.goto(f"{srv.url}/redoc")
    page.wait_for_selector("h1", timeout=30_000)
    assert "MotCua Queue" in (page.text_content("h1") or "")
    page.get_by_text("/api/v1/audit").first.wait_for(state="attached", timeout=30_000)
    page.screenshot(path=str(SHOTS / "redoc.png"))
    ctx.close()
    # The one thing the browser refused to fetch: the logo ReDoc's bundle names on its
    # makers' CDN (the page hides it). Anything else here is a file the pages miss.
    refused = [m for m in console if "Content Security Policy" in m]
    assert all("cdn.redoc.ly/redoc/logo-mini.svg" in m for m in refused), refused
    assert_only_from(srv.url + "/", requests)
