"""A report (protocol.reports.Report) as the console's tables: the columns a breakdown
shows and each row's figures written for the page's language. Shared by the reports page
and its print layout. Display only: every figure is the server's."""

from collections.abc import Callable
from datetime import date
from typing import Any

from protocol.reports import Report, ReportBy, ReportFigures, ReportRow
from protocol.snapshot import Catalog
from server.console import fmt

T = Callable[..., str]  # ConsoleSession.t
TOTAL_KEY = "__total"
CLERK_TIME = (ReportBy.COUNTER, ReportBy.CLERK, ReportBy.DAY, ReportBy.HOUR)

COUNTS = ("issued", "served", "no_show", "cancelled", "transferred")
TIMES = ("wait_mean", "wait_median", "wait_p90", "within_target", "service_mean", "service_p90")


def _col(name: str, label: str, left: bool = False) -> dict[str, Any]:
    col = {"name": name, "label": label, "field": name, "align": "left" if left else "right"}
    return {**col, "style": "min-width: 120px"} if name == "name" else col


def pause_reasons(report: Report) -> list[str]:
    seen: dict[str, None] = {}
    for f in [report.total, *report.rows]:
        seen.update(dict.fromkeys(f.paused_s))
    return list(seen)


def figure_columns(report: Report, t: T) -> list[dict[str, Any]]:
    """Counts, waits, service times, satisfaction; counters' time where the server
    keeps it; the waiting mean on the hour rows."""
    cols = [_col("name", t(f"reports.by.{report.by.value}"), left=True)]
    counts = COUNTS[1:] if report.by in (ReportBy.COUNTER, ReportBy.CLERK) else COUNTS
    cols += [_col(k, t(f"r.{k}")) for k in counts]  # (a counter or clerk issues nothing)
    cols += [_col(k, t(f"r.{k}")) for k in TIMES]
    cols += [_col("satisfied", t("r.satisfied")), _col("coverage", t("r.coverage"))]
    if report.by in CLERK_TIME:
        reasons = pause_reasons(report)
        cols += [_col(f"paused{i}", t("r.paused", reason=r)) for i, r in enumerate(reasons)]
        cols.append(_col("idle", t("r.idle")))
    if report.by == ReportBy.HOUR:
        cols.append(_col("waiting_mean", t("r.waiting_mean")))
    return cols


def figure_rows(report: Report, catalog: Catalog | None, lang: str, t: T) -> list[dict[str, Any]]:
    """One dict per row, then the total (key TOTAL_KEY)."""
    reasons = pause_reasons(report)
    out = [
        _figures(r, r.key, row_name(report.by, r, catalog, lang, t), reasons, lang)
        for r in report.rows
    ]
    out.append(_figures(report.total, TOTAL_KEY, t("reports.total"), reasons, lang))
    return out


def _figures(
    f: ReportFigures, key: str, name: str, reasons: list[str], lang: str
) -> dict[str, Any]:
    row: dict[str, Any] = {"key": key, "name": name}
    row.update({k: fmt.number(getattr(f, k), lang) for k in COUNTS})
    row["wait_mean"] = fmt.minutes(f.wait_mean_s, lang)
    row["wait_median"] = fmt.minutes(f.wait_median_s, lang)
    row["wait_p90"] = fmt.minutes(f.wait_p90_s, lang)
    row["within_target"] = fmt.percent(f.within_target_share, lang)
    row["service_mean"] = fmt.minutes(f.service_mean_s, lang)
    row["service_p90"] = fmt.minutes(f.service_p90_s, lang)
    row["satisfied"] = fmt.percent(f.satisfied_share, lang)
    row["coverage"] = fmt.percent(f.rating_coverage, lang)
    for i, reason in enumerate(reasons):
        row[f"paused{i}"] = fmt.minutes(f.paused_s.get(reason, 0), lang)
    row["idle"] = fmt.minutes(f.idle_s, lang)
    row["waiting_mean"] = fmt.number(f.waiting_mean, lang, 1)
    return row


def row_name(by: ReportBy, r: ReportRow, catalog: Catalog | None, lang: str, t: T) -> str:
    """The server's name, in the page's language where the catalog or the key says it."""
    name = r.name
    if by == ReportBy.DAY:
        name = fmt.day_text(date.fromisoformat(r.key), lang)
    elif lang == "en" and by == ReportBy.SERVICE and catalog is not None:
        svc = next((s for s in catalog.services if s.id == r.key), None)
        name = (svc.name_en or svc.name) if svc else name
    elif lang == "en" and by == ReportBy.COUNTER and name == f"Quầy {r.key}":
        name = t("hall.counter_no", n=r.key)
    return f"{name} ({r.site})" if r.site else name


def rating_columns(report: Report, lang: str, t: T) -> list[dict[str, Any]]:
    cols = [_col("name", t(f"reports.by.{report.by.value}"), left=True)]
    for lv in report.rating_levels:
        cols.append(_col(f"lv_{lv.code}", (lv.name_en or lv.name) if lang == "en" else lv.name))
    cols += [_col("ratings", t("r.ratings")), _col("satisfied", t("r.satisfied"))]
    cols.append(_col("coverage", t("r.coverage")))
    return cols


def rating_rows(report: Report, catalog: Catalog | None, lang: str, t: T) -> list[dict[str, Any]]:
    named = [(r, r.key, row_name(report.by, r, catalog, lang, t)) for r in report.rows]
    out = []
    for f, key, name in [*named, (report.total, TOTAL_KEY, t("reports.total"))]:
        row: dict[str, Any] = {"key": key, "name": name}
        for lv in report.rating_levels:
            row[f"lv_{lv.code}"] = fmt.number(f.ratings.get(lv.code, 0), lang)
        row["ratings"] = fmt.number(sum(f.ratings.values()), lang)
        row["satisfied"] = fmt.percent(f.satisfied_share, lang)
        row["coverage"] = fmt.percent(f.rating_coverage, lang)
        out.append(row)
    return out


def reason_rows(report: Report, lang: str) -> list[dict[str, Any]]:
    items = sorted(report.total.low_reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"key": r, "reason": r, "count": fmt.number(n, lang)} for r, n in items]


def centre_name(report: Report, catalog: Catalog | None, lang: str) -> str:
    """The report's title (the centres' names), in English where the catalog has it."""
    if lang == "en" and catalog is not None and report.sites == [catalog.site]:
        return catalog.name_en or report.title
    return report.title
