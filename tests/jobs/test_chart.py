"""The chart PNG: a valid file (decoded here independently of the encoder) whose pixels follow the values."""

from __future__ import annotations

import struct
import zlib
from datetime import date, timedelta

import pytest

from bot.jobs.chart import (
    BAR,
    LINE,
    PNG_SIGNATURE,
    SMALLEST_HOURS_STEP,
    SMALLEST_VOLUME_STEP,
    ChartDay,
    ChartLayout,
    Color,
    axis_step,
    encode_png,
    nice_ceiling,
    turnaround_volume_chart,
)


def decode_png(data: bytes) -> tuple[int, int, list[list[Color]]]:
    """Minimal decoder for 8-bit RGB, non-interlaced PNGs with filter 0 rows; checks every CRC."""
    assert data[:8] == PNG_SIGNATURE
    offset, chunks = 8, []
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks.append((kind, body))
        offset += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1] == (b"IEND", b"")
    width, height, depth, color_type, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", chunks[0][1]
    )
    assert (depth, color_type, compression, filtering, interlace) == (8, 2, 0, 0, 0)
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * 3 + 1
    assert len(raw) == stride * height
    rows = []
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        assert line[0] == 0
        rows.append([(line[1 + 3 * x], line[2 + 3 * x], line[3 + 3 * x]) for x in range(width)])
    return width, height, rows


def column(rows: list[list[Color]], x: int) -> list[Color]:
    return [row[x] for row in rows]


def test_encode_png_round_trips_pixels() -> None:
    pixels = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30])
    width, height, rows = decode_png(encode_png(2, 2, pixels))
    assert (width, height) == (2, 2)
    assert rows == [[(255, 0, 0), (0, 255, 0)], [(0, 0, 255), (10, 20, 30)]]
    with pytest.raises(ValueError):
        encode_png(3, 2, pixels)


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 1), (1, 1), (3, 5), (10, 10), (11, 20), (0.4, 0.5), (72, 100)]
)
def test_scales_round_up_to_one_two_or_five(value: float, expected: float) -> None:
    assert nice_ceiling(value) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "smallest", "ticks"),
    [
        (3, SMALLEST_VOLUME_STEP, ["0", "1", "2", "3", "4"]),  # whole questions, never 0.75 or 3.75
        (5, SMALLEST_VOLUME_STEP, ["0", "2", "4", "6", "8"]),
        (10, SMALLEST_VOLUME_STEP, ["0", "5", "10", "15", "20"]),
        (0, SMALLEST_VOLUME_STEP, ["0", "1", "2", "3", "4"]),
        (0.00002, SMALLEST_HOURS_STEP, ["0", "0.5", "1", "1.5", "2"]),  # answered within seconds: no 2e-05
        (0.3, SMALLEST_HOURS_STEP, ["0", "0.5", "1", "1.5", "2"]),
        (72, SMALLEST_HOURS_STEP, ["0", "20", "40", "60", "80"]),
    ],
)
def test_axis_ticks_are_plain_numbers(value: float, smallest: float, ticks: list[str]) -> None:
    step = axis_step(value, smallest)
    assert [f"{step * n:g}" for n in range(5)] == ticks
    assert step * 4 >= value


def test_bar_heights_and_the_line_follow_the_values() -> None:
    start = date(2026, 10, 20)
    volumes = [0, 5, 10, 2]
    turnarounds: list[float | None] = [None, 10.0, 20.0, None]
    days = [
        ChartDay(start + timedelta(days=n), v, t)
        for n, (v, t) in enumerate(zip(volumes, turnarounds, strict=True))
    ]
    layout = ChartLayout()
    width, height, rows = decode_png(turnaround_volume_chart(days, layout))
    assert (width, height) == (layout.width, layout.height)

    heights = []
    for index in range(len(days)):
        left, _, right = layout.slot(index, len(days))
        x = left + (right - left) // 5 + 2  # inside the bar, away from the line through the centre
        bar = [y for y, pixel in enumerate(column(rows, x)) if pixel == BAR]
        heights.append(layout.plot_bottom - min(bar) if bar else 0)  # the line may cross a bar's top
    # The left axis runs to 20 (four steps of 5); a bar of 20 would be the plot height.
    assert heights == [
        0,
        round(layout.plot_height * 0.25),
        round(layout.plot_height * 0.5),
        round(layout.plot_height * 0.1),
    ]

    _, centre, _ = layout.slot(2, len(days))
    top_of_line = layout.y_for(20.0, 20.0)  # the highest turnaround sits at the top of the plot
    assert rows[top_of_line][centre] == LINE
    _, centre, _ = layout.slot(1, len(days))
    assert rows[layout.y_for(10.0, 20.0)][centre] == LINE
    _, empty_centre, _ = layout.slot(3, len(days))
    plot = range(layout.plot_top, layout.plot_bottom)
    assert not any(rows[y][empty_centre] == LINE for y in plot)  # no answers that day: no point


def test_an_empty_fortnight_still_draws() -> None:
    days = [ChartDay(date(2026, 10, 20) + timedelta(days=n), 0, None) for n in range(14)]
    width, height, rows = decode_png(turnaround_volume_chart(days))
    assert (width, height) == (640, 360)
    layout = ChartLayout()
    plot = rows[layout.plot_top : layout.plot_bottom]  # the legend's swatch is above the plot
    assert not any(pixel == BAR for row in plot for pixel in row[layout.left : layout.width - layout.right])
    with pytest.raises(ValueError):
        turnaround_volume_chart([])


def test_the_chart_has_a_title_axis_labels_and_a_legend() -> None:
    """Text is drawn where the layout keeps room for it: the title and legend above the plot (with both
    series' colours as swatches), the axis labels in the margins, in the series' colours."""
    days = [ChartDay(date(2026, 10, 20) + timedelta(days=n), n % 4, 5.0 + n) for n in range(14)]
    layout = ChartLayout()
    _, _, rows = decode_png(turnaround_volume_chart(days, layout))
    title_band = rows[4:28]
    assert sum(pixel != (255, 255, 255) for row in title_band for pixel in row) > 500
    legend_band = rows[30:50]
    assert any(pixel == BAR for row in legend_band for pixel in row)
    assert any(pixel == LINE for row in legend_band for pixel in row)
    left_margin = [row[0:20] for row in rows[layout.plot_top : layout.plot_bottom]]
    right_margin = [row[layout.width - 20 :] for row in rows[layout.plot_top : layout.plot_bottom]]
    assert sum(pixel != (255, 255, 255) for row in left_margin for pixel in row) > 100
    assert sum(pixel != (255, 255, 255) for row in right_margin for pixel in row) > 100
    x_label = rows[layout.height - 22 :]
    assert sum(pixel != (255, 255, 255) for row in x_label for pixel in row) > 200
