"""`motcua reports rebuild`: the reports' aggregates again from the event log."""

from datetime import date
from typing import Annotated

import typer

reports_app = typer.Typer(help="Reports: rebuild the aggregates from the event log.")


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"a date YYYY-MM-DD, not {value!r}") from None


@reports_app.command("rebuild")
def rebuild(
    site: Annotated[str | None, typer.Option(help="the centre (default: the only one)")] = None,
    from_: Annotated[
        str | None, typer.Option("--from", callback=_day, help="first day YYYY-MM-DD")
    ] = None,
    to: Annotated[str | None, typer.Option(callback=_day, help="last day YYYY-MM-DD")] = None,
    db: Annotated[str | None, typer.Option("--db", help="database URL (as for init)")] = None,
) -> None:
    """Fold the closed days of the period (default: all) from the event log and store
    their report aggregates and months again. Safe while the server runs."""
    from motcua.cli import _context, _site
    from server.store.report_log import rebuild as run

    ctx = _context(db)
    first, last = from_, to  # already dates (the callbacks)
    if first and last and first > last:
        raise typer.BadParameter("--from is after --to")
    codes = [_site(ctx, site)] if site or _single(ctx) else _all(ctx)
    for code in codes:
        days = run(ctx.db, ctx.config, code, first, last)  # type: ignore[arg-type]
        span = f"{days[0]} … {days[-1]}" if days else "no closed day"
        typer.echo(f"{code}: {len(days)} day(s) rebuilt ({span})")


def _all(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from server.store.tables import Site

    with ctx.db.reader.connect() as conn:
        return list(conn.execute(select(Site.code).order_by(Site.code)).scalars())


def _single(ctx) -> bool:  # type: ignore[no-untyped-def]
    return len(_all(ctx)) == 1
