"""Drawing a phone page: the language (the address's `?lang=`, else the remembered
cookie, else Vietnamese), the links (a centre given by `?site=` stays in every link), the
templates (Jinja2, escaped) with their one inline style sheet, and the small formats
(times in the centre's zone, minutes, weekdays)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from server.public.words import problem_text, word

PREFIX = "/m"  # the pages' address; the door's QR code points at PREFIX + "/"
LANG_COOKIE = "motcua_lang"
_HERE = Path(__file__).parent
_ENV = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


@cache
def _css() -> str:
    return (_HERE / "templates" / "m.css").read_text(encoding="utf-8")


@dataclass
class Page:
    """One request's language, centre and links."""

    request: Request
    lang: str
    site: str | None
    set_cookie: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, request: Request) -> "Page":
        asked = request.query_params.get("lang")
        kept = request.cookies.get(LANG_COOKIE)
        lang = asked if asked in ("vi", "en") else kept if kept in ("vi", "en") else "vi"
        site = request.query_params.get("site") or None
        return cls(request, lang, site, set_cookie=asked in ("vi", "en") and asked != kept)

    def t(self, key: str, **values: object) -> str:
        return word(key, self.lang, **values)

    def url(self, path: str, **params: Any) -> str:
        """A link of these pages (`path` under PREFIX), keeping the centre."""
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.site:
            query["site"] = self.site
        full = PREFIX + path
        return full + ("?" + urlencode(query) if query else "")

    def track_url(self, code: str) -> str:
        """The tracking page (server/api/public.py) in this page's language."""
        return f"/t/{code}?lang={self.lang}"

    def switch_url(self) -> str:
        """This page in the other language."""
        other = "en" if self.lang == "vi" else "vi"
        query = dict(self.request.query_params) | {"lang": other}
        return self.request.url.path + "?" + urlencode(query)

    def problem(self, code: str | None, title: str | None) -> str:
        return problem_text(code, title, self.lang)

    def name(self, item: Any) -> str:
        """A centre's or a field's name in this language."""
        return str((getattr(item, "name_en", None) if self.lang == "en" else None) or item.name)

    def minutes(self, seconds: float) -> int:
        return max(1, round(seconds / 60))

    def hm(self, at: datetime) -> str:
        return at.strftime("%H:%M")

    def day_short(self, d: date) -> str:
        return f"{self.t('weekday').split()[d.weekday()]} {d.day:02d}/{d.month:02d}"

    def day_long(self, d: date) -> str:
        return f"{self.t('weekday.long').split('|')[d.weekday()]}, {d:%d/%m/%Y}"

    def html(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        body = _ENV.get_template(template).render(page=self, t=self.t, css=_css(), **values)
        response = HTMLResponse(body, status_code=status)
        response.headers["Cache-Control"] = "no-store"  # what is possible now changes
        if self.set_cookie:
            response.set_cookie(
                LANG_COOKIE, self.lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True
            )
        return response
