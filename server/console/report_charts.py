"""The reports' charts as ECharts options (NiceGUI's bundled ECharts: nothing from a
CDN): the load curve (issued and served per hour as bars, citizens waiting at each hour
as a line) and the ratings per level. The figures are the server's."""

from collections.abc import Callable
from typing import Any

from protocol.reports import Report

T = Callable[..., str]
LEVEL_COLOURS = ("#2e7d32", "#66bb6a", "#fbc02d", "#e53935", "#8e24aa", "#6d4c41")


def _base(title: str) -> dict[str, Any]:
    return {
        "animation": False,  # drawn at once: printed and screenshotted as it is
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 48, "right": 24, "top": 72, "bottom": 32},
    }


def load_curve(hours: Report, t: T) -> dict[str, Any]:
    """`hours`: the same period's report by hour."""
    keys = [f"{r.key}h" for r in hours.rows]
    waiting = [None if r.waiting_mean is None else round(r.waiting_mean, 1) for r in hours.rows]
    return {
        **_base(t("reports.load")),
        "legend": {"top": 30},
        "xAxis": {"type": "category", "data": keys},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": t("r.issued"), "type": "bar", "data": [r.issued for r in hours.rows]},
            {"name": t("r.served"), "type": "bar", "data": [r.served for r in hours.rows]},
            {
                "name": t("r.waiting_mean"),
                "type": "line",
                "data": waiting,
                "smooth": True,
                "connectNulls": True,
            },
        ],
        "color": ["#1565c0", "#43a047", "#ef6c00"],
    }


def ratings(report: Report, lang: str, t: T) -> dict[str, Any]:
    levels = report.rating_levels
    names = [(lv.name_en or lv.name) if lang == "en" else lv.name for lv in levels]
    data = [
        {
            "value": report.total.ratings.get(lv.code, 0),
            "itemStyle": {"color": LEVEL_COLOURS[i % len(LEVEL_COLOURS)]},
        }
        for i, lv in enumerate(levels)
    ]
    return {
        **_base(t("reports.ratings")),
        "tooltip": {"trigger": "item"},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"interval": 0}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "name": t("r.ratings"),
                "type": "bar",
                "data": data,
                "label": {"show": True, "position": "top"},
            }
        ],
    }
