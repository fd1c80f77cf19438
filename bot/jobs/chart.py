"""The digest's chart as a PNG: bars for daily volume, a line for turnaround, with a title, axis labels and a legend
so it can be read outside the message.

Drawn with Pillow (shapes and its built-in FreeType font, no font files to ship) and encoded here (zlib + struct,
every row filter 0), so the bytes are the same on every machine. Left axis (bar colour): questions opened per
day; right axis (line colour): median turnaround in business hours; under each bar, the day of the month. Each
axis has four steps of 1, 2 or 5 x 10^n: whole questions on the left, at least half an hour on the right, so
every tick reads as a plain number (no 3.75 questions, no 2e-05 hours). Pure functions returning bytes.
"""

from __future__ import annotations

import itertools
import math
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

Color = tuple[int, int, int]

WHITE: Color = (255, 255, 255)
TEXT: Color = (40, 40, 40)
GRID: Color = (228, 228, 228)
AXIS: Color = (90, 90, 90)
BAR: Color = (70, 130, 180)
LINE: Color = (230, 120, 20)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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


AXIS_STEPS = 4  # gridlines at a quarter, a half, three quarters and the top of the plot
SMALLEST_VOLUME_STEP = 1.0  # questions are counted whole
SMALLEST_HOURS_STEP = 0.5  # business hours; the digest's text gives turnaround to a tenth


def axis_step(value: float, smallest: float) -> float:
    """The gap between an axis's ticks: the smallest 1, 2 or 5 x 10^n (not under `smallest`) with which
    AXIS_STEPS steps reach `value`; the axis runs from 0 to AXIS_STEPS times it."""
    return max(smallest, nice_ceiling(value / AXIS_STEPS)) if value > 0 else smallest


@dataclass(frozen=True)
class ChartLayout:
    width: int = 640
    height: int = 360
    left: int = 64
    right: int = 64
    top: int = 64  # title and legend above the plot
    bottom: int = 48  # day numbers and the axis label below it
    title: str = "Clarifications: questions opened and turnaround"
    font_size: int = 12

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


def _label(value: float) -> str:
    return f"{value:g}"


def _vertical_text(image: Any, text: str, x: int, centre_y: int, font: Any, color: Color) -> None:
    """`text` turned to read upwards, its left edge at `x`, centred on `centre_y`."""
    from PIL import Image, ImageDraw

    left, top, right, bottom = font.getbbox(text)
    strip = Image.new("RGB", (right - left + 2, bottom - top + 2), WHITE)
    ImageDraw.Draw(strip).text((1 - left, 1 - top), text, font=font, fill=color)
    turned = strip.rotate(90, expand=True)
    image.paste(turned, (x, centre_y - turned.height // 2))


def turnaround_volume_chart(days: Sequence[ChartDay], layout: ChartLayout = ChartLayout()) -> bytes:
    """PNG bytes: one bar per day (volume) and a line through the days with a turnaround."""
    if not days:
        raise ValueError("the chart needs at least one day")
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (layout.width, layout.height), WHITE)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=layout.font_size)
    title_font = ImageFont.load_default(size=layout.font_size + 3)
    volume_step = axis_step(max(day.volume for day in days), SMALLEST_VOLUME_STEP)
    turnarounds = [day.turnaround_hours for day in days if day.turnaround_hours is not None]
    hours_step = axis_step(max(turnarounds, default=0.0), SMALLEST_HOURS_STEP)
    volume_max, hours_max = volume_step * AXIS_STEPS, hours_step * AXIS_STEPS
    plot_right = layout.width - layout.right

    # Title and legend.
    first, last = days[0].day, days[-1].day
    title = f"{layout.title}, {first:%-d %b} to {last:%-d %b %Y}"
    draw.text((layout.left, 8), title, font=title_font, fill=TEXT)
    legend_y = 34
    draw.rectangle((layout.left, legend_y + 2, layout.left + 11, legend_y + 11), fill=BAR)
    draw.text((layout.left + 16, legend_y), "Questions opened per day (left axis)", font=font, fill=TEXT)
    line_x = layout.left + 280
    draw.line((line_x, legend_y + 7, line_x + 18, legend_y + 7), fill=LINE, width=3)
    draw.text((line_x + 24, legend_y), "Median turnaround, business hours (right axis)", font=font, fill=TEXT)

    # Grid and axis ticks: 0, one step ... the maximum on both sides.
    for step in range(AXIS_STEPS + 1):
        y = layout.plot_bottom - layout.plot_height * step // AXIS_STEPS
        if step:
            draw.line((layout.left, y, plot_right, y), fill=GRID)
        left_tick = _label(volume_step * step)
        right_tick = _label(hours_step * step)
        width = draw.textlength(left_tick, font=font)
        draw.text((layout.left - 6 - width, y - 7), left_tick, font=font, fill=BAR)
        draw.text((plot_right + 6, y - 7), right_tick, font=font, fill=LINE)

    count = len(days)
    points: list[tuple[int, int] | None] = []
    for index, day in enumerate(days):
        start, centre, end = layout.slot(index, count)
        inset = max(1, (end - start + 1) // 5)
        if day.volume > 0:
            top = layout.y_for(day.volume, volume_max)
            draw.rectangle((start + inset, top, end - inset, layout.plot_bottom - 1), fill=BAR)
        number = f"{day.day.day}"
        draw.text(
            (centre - draw.textlength(number, font=font) / 2, layout.plot_bottom + 6),
            number,
            font=font,
            fill=AXIS,
        )
        if day.turnaround_hours is None:
            points.append(None)
        else:
            points.append((centre, layout.y_for(day.turnaround_hours, hours_max)))

    draw.line((layout.left, layout.plot_bottom, plot_right, layout.plot_bottom), fill=AXIS)
    for earlier, later in itertools.pairwise(points):
        if earlier is not None and later is not None:
            draw.line((*earlier, *later), fill=LINE, width=3)
    for point in points:
        if point is not None:
            draw.rectangle((point[0] - 3, point[1] - 3, point[0] + 3, point[1] + 3), fill=LINE)

    # Axis labels.
    x_label = "Day of the month (team time zone)"
    draw.text(
        ((layout.left + plot_right - draw.textlength(x_label, font=font)) / 2, layout.height - 20),
        x_label,
        font=font,
        fill=TEXT,
    )
    centre_y = (layout.plot_top + layout.plot_bottom) // 2
    _vertical_text(image, "Questions opened", 4, centre_y, font, BAR)
    _vertical_text(image, "Median turnaround (business hours)", layout.width - 20, centre_y, font, LINE)
    return encode_png(layout.width, layout.height, image.tobytes())
