"""The digest's chart as a PNG, drawn and encoded here (zlib + struct): bars for daily volume, a line for turnaround.

No plotting library: the picture is simple and the encoder is thirty lines. Pure functions returning bytes.
Left scale (bar colour): questions opened per day; right scale (line colour): median turnaround in business
hours; under each bar, the day of the month. The scales' maxima are rounded up to 1, 2 or 5 x 10^n.
"""

from __future__ import annotations

import itertools
import math
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

Color = tuple[int, int, int]

WHITE: Color = (255, 255, 255)
GRID: Color = (228, 228, 228)
AXIS: Color = (90, 90, 90)
BAR: Color = (70, 130, 180)
LINE: Color = (230, 120, 20)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_DIGITS = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "001", "001", "001"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
}


@dataclass(frozen=True)
class ChartDay:
    day: date
    volume: int
    turnaround_hours: float | None  # None: nothing answered that day


# -- PNG ----------------------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def encode_png(width: int, height: int, rgb: bytes) -> bytes:
    """8-bit RGB, no interlace; every scanline uses filter 0 (none)."""
    if width <= 0 or height <= 0 or len(rgb) != width * height * 3:
        raise ValueError("pixel data does not match the size")
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


class Canvas:
    def __init__(self, width: int, height: int, background: Color = WHITE) -> None:
        self.width = width
        self.height = height
        self.pixels = bytearray(bytes(background) * (width * height))

    def set(self, x: int, y: int, color: Color) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            offset = (y * self.width + x) * 3
            self.pixels[offset : offset + 3] = bytes(color)

    def fill(self, left: int, top: int, right: int, bottom: int, color: Color) -> None:
        """Fill the rectangle with corners (left, top) and (right, bottom), both included."""
        left, right = max(0, left), min(self.width - 1, right)
        if right < left:
            return
        run = bytes(color) * (right - left + 1)
        for y in range(max(0, top), min(self.height, bottom + 1)):
            offset = (y * self.width + left) * 3
            self.pixels[offset : offset + len(run)] = run

    def line(self, x0: int, y0: int, x1: int, y1: int, color: Color, thickness: int = 2) -> None:
        """Bresenham, with a square pen."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        error = dx + dy
        half = thickness // 2
        while True:
            self.fill(x0 - half, y0 - half, x0 - half + thickness - 1, y0 - half + thickness - 1, color)
            if x0 == x1 and y0 == y1:
                return
            doubled = 2 * error
            if doubled >= dy:
                error += dy
                x0 += sx
            if doubled <= dx:
                error += dx
                y0 += sy

    def text(self, x: int, y: int, digits: str, color: Color, scale: int = 2) -> None:
        """Digits only, 3x5 pixels each before scaling; (x, y) is the top left corner."""
        for index, digit in enumerate(digits):
            glyph = _DIGITS.get(digit)
            if glyph is None:
                continue
            left = x + index * 4 * scale
            for row, bits in enumerate(glyph):
                for column, bit in enumerate(bits):
                    if bit == "1":
                        self.fill(
                            left + column * scale,
                            y + row * scale,
                            left + column * scale + scale - 1,
                            y + row * scale + scale - 1,
                            color,
                        )

    def to_png(self) -> bytes:
        return encode_png(self.width, self.height, bytes(self.pixels))


# -- the chart ----------------------------------------------------------------------------------------------


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 x 10^n that is >= value (1 for zero or less)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if factor * power >= value:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


@dataclass(frozen=True)
class ChartLayout:
    width: int = 640
    height: int = 320
    left: int = 48
    right: int = 48
    top: int = 20
    bottom: int = 32

    @property
    def plot_top(self) -> int:
        return self.top

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def plot_height(self) -> int:
        return self.plot_bottom - self.plot_top

    def slot(self, index: int, count: int) -> tuple[int, int, int]:
        """(left, centre, right) pixel columns of day `index` of `count`."""
        plot_width = self.width - self.left - self.right
        start = self.left + plot_width * index // count
        end = self.left + plot_width * (index + 1) // count - 1
        return start, (start + end) // 2, end

    def y_for(self, value: float, scale_max: float) -> int:
        return self.plot_bottom - round(self.plot_height * value / scale_max)


def turnaround_volume_chart(days: Sequence[ChartDay], layout: ChartLayout = ChartLayout()) -> bytes:
    """PNG bytes: one bar per day (volume) and a line through the days with a turnaround."""
    if not days:
        raise ValueError("the chart needs at least one day")
    canvas = Canvas(layout.width, layout.height)
    volume_max = nice_ceiling(max(day.volume for day in days))
    turnarounds = [day.turnaround_hours for day in days if day.turnaround_hours is not None]
    hours_max = nice_ceiling(max(turnarounds, default=0.0))

    for step in range(1, 5):
        y = layout.plot_bottom - layout.plot_height * step // 4
        canvas.fill(layout.left, y, layout.width - layout.right, y, GRID)

    count = len(days)
    points: list[tuple[int, int] | None] = []
    for index, day in enumerate(days):
        start, centre, end = layout.slot(index, count)
        inset = max(1, (end - start + 1) // 5)
        if day.volume > 0:
            top = layout.y_for(day.volume, volume_max)
            canvas.fill(start + inset, top, end - inset, layout.plot_bottom - 1, BAR)
        canvas.text(centre - 7, layout.plot_bottom + 8, f"{day.day.day:02d}", AXIS)
        if day.turnaround_hours is None:
            points.append(None)
        else:
            points.append((centre, layout.y_for(day.turnaround_hours, hours_max)))

    canvas.fill(layout.left, layout.plot_bottom, layout.width - layout.right, layout.plot_bottom, AXIS)
    for earlier, later in itertools.pairwise(points):
        if earlier is not None and later is not None:
            canvas.line(*earlier, *later, LINE, thickness=3)
    for point in points:
        if point is not None:
            canvas.fill(point[0] - 3, point[1] - 3, point[0] + 3, point[1] + 3, LINE)

    canvas.text(4, layout.plot_top, str(int(volume_max)), BAR)
    canvas.text(layout.width - layout.right + 6, layout.plot_top, str(int(hours_max)), LINE)
    return canvas.to_png()
