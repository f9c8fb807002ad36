"""Charts of the printed summary drawn with reportlab.graphics: bars (upright or lying) and pies, every label in the
bundled CJK font (reportlab's charts default to Helvetica, which has no Chinese and would draw nothing).

Colours stay apart in grey too: most office printers print black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.services.summary_phrases import plain
from app.services.summary_view import ChartData, ChartKind

SERIES_COLOURS = (colors.HexColor("#1f4e79"), colors.HexColor("#a6a6a6"))   # 本期 dark, 上年同期 light
SLICE_COLOURS = tuple(colors.HexColor(c) for c in (
    "#1f4e79", "#9dc3e6", "#c55a11", "#f4b183", "#548235", "#c9c9c9", "#7f6000", "#ffd966", "#404040", "#d9d9d9"))
LABEL_SIZE = 7.0
MAX_BAR = 14.0          # a lying bar is never thicker than this, however few the names
EMPTY_TEXT = "本期无记录"
WAN = Decimal(10000)



def _scale(data: ChartData) -> tuple[Decimal, str]:
    """Divide amounts by 10,000 and call them 万元 when the largest is that big."""
    largest = max((abs(Decimal(v)) for s in data.series for v in s.values), default=Decimal(0))
    return (WAN, "万元") if data.unit == "元" and largest >= WAN else (Decimal(1), data.unit)


def nice_step(top: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most five steps up to `top` (counts: whole steps)."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if step * 5 >= top:
                return step
        power *= 10


def _number(value: Decimal) -> str:
    return plain(value.quantize(Decimal("0.01")))


def _share(part: Decimal, whole: Decimal) -> str:
    return f"{plain((part * 100 / whole).quantize(Decimal('0.1')))}%"


def draw_chart(data: ChartData, width: float, height: float, font: str) -> Drawing:
    """The chart in a drawing of the given size (points), or the words 本期无记录 when it has nothing to show."""
    drawing = Drawing(width, height)
    # The renderer sets the drawing's initial font first: reportlab's default would list Helvetica, unembedded.
    drawing.initialFontName, drawing.initialFontSize = font, LABEL_SIZE
    drawing.add(Rect(0, 0, width, height, strokeColor=colors.HexColor("#bfbfbf"), strokeWidth=0.5,
                     fillColor=None))
    if data.empty:
        drawing.add(String(width / 2, height / 2, EMPTY_TEXT, fontName=font, fontSize=9, textAnchor="middle",
                           fillColor=colors.HexColor("#7f7f7f")))
        return drawing
    if data.kind is ChartKind.PIE:
        _pie(drawing, data, width, height, font)
    else:
        _bars(drawing, data, width, height, font)
    return drawing


def _legend(drawing: Drawing, pairs: Sequence[tuple[object, str]], x: float, y: float, font: str) -> None:
    """A list of swatches and names, one a line, its top left at (x, y)."""
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.boxAnchor = "nw"
    legend.columnMaximum = len(pairs)
    legend.dx, legend.dy, legend.deltay = 7, 7, 10
    legend.strokeWidth, legend.strokeColor = 0.3, colors.white
    legend.colorNamePairs = list(pairs)
    drawing.add(legend)


def _series_key(drawing: Drawing, data: ChartData, right: float, y: float, font: str) -> None:
    """本期 ■ 上年同期 ■ in one line ending at `right`."""
    x = right
    for colour, series in reversed(list(zip(SERIES_COLOURS, data.series, strict=False))):
        x -= stringWidth(series.name, font, LABEL_SIZE)
        drawing.add(String(x, y, series.name, fontName=font, fontSize=LABEL_SIZE))
        x -= 10
        drawing.add(Rect(x, y - 0.5, 7, 7, fillColor=colour, strokeColor=None))
        x -= 10


def _bars(drawing: Drawing, data: ChartData, width: float, height: float, font: str) -> None:
    divisor, unit = _scale(data)
    lying = data.kind is ChartKind.BARS
    chart = HorizontalBarChart() if lying else VerticalBarChart()
    longest = max(stringWidth(label, font, LABEL_SIZE) for label in data.labels)
    left = 8 + (longest if lying else 26)
    chart.x, chart.y = left, 18 + (0 if lying else 4)
    chart.width = width - left - (30 if lying else 10)
    room = height - chart.y - 18
    # Lying bars read from the top like a table: the first name and 本期 on top (reportlab draws upward).
    chart.height = min(room, len(data.labels) * len(data.series) * MAX_BAR) if lying else room
    chart.y += room - chart.height
    series = list(reversed(data.series)) if lying else list(data.series)
    labels = list(reversed(data.labels)) if lying else list(data.labels)
    # Drawing coordinates are floats; money stays Decimal up to here.
    chart.data = [[float(Decimal(v) / divisor) for v in (reversed(s.values) if lying else s.values)] for s in series]
    chart.categoryAxis.categoryNames = labels
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, LABEL_SIZE
        axis.strokeWidth = 0.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e0e0e0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.labelTextFormat = lambda v: _number(Decimal(str(v)))
    if all(isinstance(v, int) for s in data.series for v in s.values):
        top = max(max(s.values) for s in data.series)
        chart.valueAxis.valueStep = nice_step(int(top))
    chart.groupSpacing = 4 if len(data.labels) > 6 else 8
    chart.barSpacing = 0.5
    chart.bars.strokeWidth = 0
    for index, one in enumerate(series):
        chart.bars[index].fillColor = SERIES_COLOURS[data.series.index(one)]
    chart.barLabels.fontName, chart.barLabels.fontSize = font, LABEL_SIZE - 1
    chart.barLabelFormat = lambda v: _number(Decimal(str(v))) if v else ""
    if lying:
        chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    else:
        chart.barLabels.boxAnchor, chart.barLabels.dy = "s", 1
        chart.categoryAxis.labels.angle = 0
    if not lying and len(data.series) > 1:
        chart.barLabelFormat = None   # twelve pairs of numbers would not fit over the columns
    drawing.add(chart)
    drawing.add(String(4, height - 10, f"单位：{unit}", fontName=font, fontSize=LABEL_SIZE,
                       fillColor=colors.HexColor("#595959")))
    if len(data.series) > 1:
        _series_key(drawing, data, width - 6, height - 10, font)


def _pie(drawing: Drawing, data: ChartData, width: float, height: float, font: str) -> None:
    values = data.series[0].values
    shown = [(label, value) for label, value in zip(data.labels, values, strict=True) if value]
    total = sum((Decimal(v) for _, v in shown), Decimal(0))
    pie = Pie()
    size = min(height - 34, width * 0.45)
    pie.x, pie.y = 14, (height - size) / 2 - 4
    pie.width = pie.height = size
    pie.data = [float(v) for _, v in shown]
    pie.labels = None
    pie.simpleLabels = 1
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 0.8
    for index in range(len(shown)):
        pie.slices[index].fillColor = SLICE_COLOURS[index % len(SLICE_COLOURS)]
    drawing.add(pie)
    pairs = [(SLICE_COLOURS[i % len(SLICE_COLOURS)],
              f"{label} {_number(Decimal(value))}{data.unit}（{_share(Decimal(value), total)}）")
             for i, (label, value) in enumerate(shown)]
    _legend(drawing, pairs, pie.x + size + 14, height - 18, font)
    drawing.add(String(4, height - 10, f"共{_number(total)}{data.unit}", fontName=font, fontSize=LABEL_SIZE,
                       fillColor=colors.HexColor("#595959")))
