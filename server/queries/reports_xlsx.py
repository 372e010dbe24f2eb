"""A report as an Excel workbook (XlsxWriter): one sheet per breakdown, the one asked
first, then a "Hài lòng" sheet (ratings per level, low-rating reasons). Each sheet has a
title row (the centre, the period, when printed), Vietnamese headers, durations in
minutes with one decimal, shares as percent, and the total last. Native charts: the load
curve on the hour sheet (issued, served, waiting per hour), ratings per level."""

import io
from collections.abc import Callable
from zoneinfo import ZoneInfo

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from protocol.reports import Report, ReportBy, ReportFigures

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = {
    ReportBy.SERVICE: "Lĩnh vực",
    ReportBy.PROCEDURE: "Thủ tục",
    ReportBy.COUNTER: "Quầy",
    ReportBy.CLERK: "Cán bộ",
    ReportBy.DAY: "Ngày",
    ReportBy.HOUR: "Giờ",
}
HEAD_ROW = 4  # the header row (0-based); rows start below it
# (header, figure, kind): "n" a count, "min" seconds shown as minutes, "%" a share, "x" a
# plain number with one decimal
COLUMNS: list[tuple[str, str, str]] = [
    ("Số phiếu cấp", "issued", "n"),
    ("Đã phục vụ", "served", "n"),
    ("Vắng mặt", "no_show", "n"),
    ("Đã hủy", "cancelled", "n"),
    ("Chuyển tiếp", "transferred", "n"),
    ("Chờ TB (phút)", "wait_mean_s", "min"),
    ("Chờ trung vị (phút)", "wait_median_s", "min"),
    ("Chờ P90 (phút)", "wait_p90_s", "min"),
    ("Chờ trong hạn (%)", "within_target_share", "%"),
    ("Phục vụ TB (phút)", "service_mean_s", "min"),
    ("Phục vụ P90 (phút)", "service_p90_s", "min"),
    ("Hài lòng (%)", "satisfied_share", "%"),
    ("Tỷ lệ đánh giá (%)", "rating_coverage", "%"),
]
TIMED = (ReportBy.COUNTER, ReportBy.CLERK, ReportBy.DAY, ReportBy.HOUR)


def workbook(report: Report, others: dict[ReportBy, Report]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    fmt = _Formats(wb)
    for r in [report, *others.values()]:
        _sheet(wb, fmt, r)
    _satisfaction(wb, fmt, report)
    wb.close()
    return buf.getvalue()


class _Formats:
    def __init__(self, wb: Workbook) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.sub = wb.add_format({"italic": True, "font_color": "#444444"})
        self.head = wb.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.n = wb.add_format({"num_format": "#,##0", "border": 1})
        self.min = wb.add_format({"num_format": "0.0", "border": 1})
        self.pct = wb.add_format({"num_format": "0.0%", "border": 1})
        self.text = wb.add_format({"border": 1})
        self.total = wb.add_format({"bold": True, "border": 1, "top": 2})
        self.total_n = wb.add_format({"bold": True, "num_format": "#,##0", "border": 1, "top": 2})
        self.total_min = wb.add_format({"bold": True, "num_format": "0.0", "border": 1, "top": 2})
        self.total_pct = wb.add_format({"bold": True, "num_format": "0.0%", "border": 1, "top": 2})

    def of(self, kind: str, total: bool) -> object:
        if kind == "n":
            return self.total_n if total else self.n
        if kind in ("min", "x"):  # minutes, or a plain number with one decimal
            return self.total_min if total else self.min
        return self.total_pct if total else self.pct


def _title(ws: Worksheet, fmt: _Formats, r: Report, what: str) -> None:
    tz = ZoneInfo(r.timezone)
    ws.set_paper(9)  # A4, landscape, one page wide when printed
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.write(0, 0, f"BÁO CÁO {what.upper()} — {r.title}", fmt.title)
    ws.write(1, 0, f"Kỳ báo cáo: {r.from_:%d/%m/%Y} – {r.to:%d/%m/%Y}", fmt.sub)
    ws.write(2, 0, f"Ngày in: {r.generated_at.astimezone(tz):%d/%m/%Y %H:%M}", fmt.sub)


def _columns(r: Report) -> list[tuple[str, Callable[[ReportFigures], object], str]]:
    cols: list[tuple[str, Callable[[ReportFigures], object], str]] = [
        (h, (lambda f, a=attr: getattr(f, a)), kind)
        for h, attr, kind in COLUMNS
        if not (attr == "issued" and r.by in (ReportBy.COUNTER, ReportBy.CLERK))  # kiosks issue
    ]
    for lv in r.rating_levels:
        cols.append((f"Đánh giá: {lv.name}", lambda f, c=lv.code: f.ratings.get(c, 0), "n"))
    if r.by in TIMED:
        reasons = sorted({k for row in r.rows for k in row.paused_s} | set(r.total.paused_s))
        cols.append(("Tạm nghỉ (phút)", lambda f: sum(f.paused_s.values()), "min"))
        for why in reasons:
            label = why or "không rõ lý do"
            cols.append((f"Tạm nghỉ: {label} (phút)", lambda f, w=why: f.paused_s.get(w, 0), "min"))
        cols.append(("Rảnh khi có người chờ (phút)", lambda f: f.idle_s, "min"))
    if r.by == ReportBy.HOUR:
        cols.append(("Đang chờ lúc đầu giờ (TB)", lambda f: f.waiting_mean, "x"))
    return cols


def _sheet(wb: Workbook, fmt: _Formats, r: Report) -> None:
    name = SHEETS[r.by]
    ws = wb.add_worksheet(name)
    _title(ws, fmt, r, f"theo {name.lower()}")
    cols = _columns(r)
    ws.write(HEAD_ROW, 0, name, fmt.head)
    ws.set_column(0, 0, 34 if r.by in (ReportBy.SERVICE, ReportBy.PROCEDURE) else 18)
    ws.set_column(1, len(cols), 12)
    ws.set_row(HEAD_ROW, 45)
    for j, (head, _get, _kind) in enumerate(cols, start=1):
        ws.write(HEAD_ROW, j, head, fmt.head)
    rows = [(row.name + (f" ({row.site})" if row.site else ""), row) for row in r.rows]
    rows.append(("Tổng cộng", r.total))  # type: ignore[arg-type]
    for i, (label, figures) in enumerate(rows, start=HEAD_ROW + 1):
        total = figures is r.total
        ws.write(i, 0, label, fmt.total if total else fmt.text)
        for j, (_head, get, kind) in enumerate(cols, start=1):
            v = get(figures)
            if kind == "min" and v is not None:
                v = float(v) / 60  # type: ignore[arg-type]
            ws.write(i, j, v, fmt.of(kind, total))
    ws.freeze_panes(HEAD_ROW + 1, 1)
    if r.by == ReportBy.HOUR and r.rows:
        _load_curve(wb, ws, r, len(cols))


def _load_curve(wb: Workbook, ws: Worksheet, r: Report, ncols: int) -> None:
    first, last = HEAD_ROW + 1, HEAD_ROW + len(r.rows)
    chart = wb.add_chart({"type": "column"})
    for col, label in ((1, "Số phiếu cấp"), (2, "Đã phục vụ")):
        chart.add_series(
            {
                "name": label,
                "categories": [ws.name, first, 0, last, 0],
                "values": [ws.name, first, col, last, col],
            }
        )
    waiting = wb.add_chart({"type": "line"})
    waiting.add_series(
        {
            "name": "Đang chờ lúc đầu giờ (TB)",
            "categories": [ws.name, first, 0, last, 0],
            "values": [ws.name, first, ncols, last, ncols],
            "y2_axis": True,
            "marker": {"type": "circle"},
        }
    )
    chart.combine(waiting)
    chart.set_title({"name": "Tải theo giờ trong ngày"})
    chart.set_x_axis({"name": "Giờ"})
    chart.set_y_axis({"name": "Số phiếu"})
    waiting.set_y2_axis({"name": "Đang chờ"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 360})
    ws.insert_chart(last + 3, 0, chart)


def _satisfaction(wb: Workbook, fmt: _Formats, r: Report) -> None:
    ws = wb.add_worksheet("Hài lòng")
    _title(ws, fmt, r, "mức độ hài lòng")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 2, 14)
    for j, head in enumerate(("Mức đánh giá", "Số lượt", "Tỷ lệ (%)")):
        ws.write(HEAD_ROW, j, head, fmt.head)
    rated = sum(r.total.ratings.values())
    levels = r.rating_levels
    for i, lv in enumerate(levels, start=HEAD_ROW + 1):
        n = r.total.ratings.get(lv.code, 0)
        ws.write(i, 0, lv.name, fmt.text)
        ws.write(i, 1, n, fmt.n)
        ws.write(i, 2, n / rated if rated else None, fmt.pct)
    end = HEAD_ROW + len(levels)
    ws.write(end + 1, 0, "Hài lòng (%)", fmt.total)
    ws.write(end + 1, 1, r.total.satisfied_share, fmt.total_pct)
    ws.write(end + 2, 0, "Tỷ lệ đánh giá (%)", fmt.total)
    ws.write(end + 2, 1, r.total.rating_coverage, fmt.total_pct)
    reasons_at = end + 4
    ws.write(reasons_at, 0, "Lý do đánh giá thấp", fmt.head)
    ws.write(reasons_at, 1, "Số lượt", fmt.head)
    for i, (why, n) in enumerate(r.total.low_reasons.items(), start=reasons_at + 1):
        ws.write(i, 0, why, fmt.text)
        ws.write(i, 1, n, fmt.n)
    if levels:
        chart = wb.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": "Số lượt đánh giá",
                "categories": [ws.name, HEAD_ROW + 1, 0, end, 0],
                "values": [ws.name, HEAD_ROW + 1, 1, end, 1],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": "Đánh giá theo mức"})
        chart.set_legend({"none": True})
        chart.set_size({"width": 560, "height": 320})
        ws.insert_chart(HEAD_ROW, 4, chart)
