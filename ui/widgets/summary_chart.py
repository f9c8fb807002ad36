"""One chart of the 统计 tab drawn with Qt Charts from the same ChartData the printed summary draws."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from app.services.summary_view import ChartData, ChartKind

SERIES_COLOURS = ("#1f4e79", "#a6a6a6")   # 本期 dark, 上年同期 light: as on paper
SLICE_COLOURS = ("#1f4e79", "#9dc3e6", "#c55a11", "#f4b183", "#548235", "#c9c9c9", "#7f6000", "#ffd966", "#404040",
                 "#d9d9d9")
WAN = Decimal(10000)
HEIGHT = 250
MIN_WIDTH = 340


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _scale(data: ChartData) -> tuple[Decimal, str]:
    """Amounts of 10,000 元 and more are drawn in 万元."""
    largest = max((abs(Decimal(v)) for s in data.series for v in s.values), default=Decimal(0))
    return (WAN, "万元") if data.unit == "元" and largest >= WAN else (Decimal(1), data.unit)


def height(data: ChartData) -> int:
    """Lying bars grow with their names, so that none is left out or cut short."""
    if data.kind is not ChartKind.BARS or data.empty:
        return HEIGHT
    # Qt cuts a name to "…" when its band is lower than the text: 30 points a name, 10 more for a second bar.
    return max(HEIGHT, 80 + len(data.labels) * (20 + 10 * len(data.series)))


def chart_view(data: ChartData, parent: QWidget | None = None) -> QChartView:
    """A chart view of fixed height; a chart with nothing to show says 本期无记录."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.setTitleFont(_font(9.5, bold=True))
    chart.legend().setFont(_font(8.5))
    divisor, unit = _scale(data)
    if data.empty:
        chart.setTitle(f"{data.title}<br><span style='font-weight:normal;color:#7f7f7f'>本期无记录</span>")
        chart.legend().hide()
    elif data.kind is ChartKind.PIE:
        chart.setTitle(data.title)
        _pie(chart, data)
    else:
        chart.setTitle(f"{data.title}（{unit}）")
        _bars(chart, data, divisor)
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height(data))
    view.setMinimumWidth(MIN_WIDTH)
    view.setToolTip(data.title)
    return view


def _bars(chart: QChart, data: ChartData, divisor: Decimal) -> None:
    lying = data.kind is ChartKind.BARS
    series = QHorizontalBarSeries() if lying else QBarSeries()
    # Lying bars read from the top like a table: Qt draws the first category at the bottom.
    labels = list(reversed(data.labels)) if lying else list(data.labels)
    sets = list(reversed(data.series)) if lying else list(data.series)
    for one in sets:
        bar_set = QBarSet(one.name)
        values = list(reversed(one.values)) if lying else list(one.values)
        # Drawing coordinates; money stays Decimal up to here (万元 to two places, as labels show them).
        bar_set.append([float((Decimal(v) / divisor).quantize(Decimal("0.01"))) for v in values])
        bar_set.setColor(QColor(SERIES_COLOURS[data.series.index(one)]))
        bar_set.setBorderColor(QColor(SERIES_COLOURS[data.series.index(one)]))
        # Values beside this period's bars only: two numbers per name would overlap.
        bar_set.setLabelColor(QColor("#333333") if one is data.series[0] else QColor(Qt.GlobalColor.transparent))
        bar_set.setLabelFont(_font(7.5))
        series.append(bar_set)
    series.setLabelsVisible(len(data.series) == 1 or lying or len(data.labels) <= 6)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsPrecision(6)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    categories.setLabelsFont(_font(8))
    axis = QValueAxis()
    axis.setLabelFormat("%.0f" if divisor == 1 else "%.1f")
    axis.setLabelsFont(_font(8))
    top = max((float(Decimal(v) / divisor) for s in data.series for v in s.values), default=1.0)
    axis.setRange(0, top * 1.15 if top else 1)
    axis.applyNiceNumbers()
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if lying else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom if lying else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(axis)
    chart.legend().setVisible(len(data.series) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
    chart.legend().setReverseMarkers(lying)   # 本期 first, as the columns and the paper have it


def _pie(chart: QChart, data: ChartData) -> None:
    series = QPieSeries()
    shown = [(label, value) for label, value in zip(data.labels, data.series[0].values, strict=True) if value]
    total = sum((Decimal(v) for _, v in shown), Decimal(0))
    for index, (label, value) in enumerate(shown):
        share = (Decimal(value) * 100 / total).quantize(Decimal("0.1"))
        piece = series.append(f"{label} {value}{data.unit} {share}%", float(value))
        piece.setColor(QColor(SLICE_COLOURS[index % len(SLICE_COLOURS)]))
        piece.setBorderColor(QColor("white"))
    series.setPieSize(0.85)
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    chart.legend().setFont(_font(8))
    chart.legend().setVisible(True)
