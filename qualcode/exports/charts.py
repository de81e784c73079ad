"""Charts as PNG and SVG (matplotlib, Agg backend: no display needed).

Output is reproducible: no creation date or software version in the files and a fixed SVG
id salt, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

CHART_FORMATS = ("png", "svg")
_DPI = 150


@dataclass(frozen=True)
class Bar:
    """One bar: label, value and colour ``#RRGGBB``; ``depth`` indents subcodes."""

    label: str
    value: float
    color: str
    depth: int = 0


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "qualcode"
    plt.rcParams["svg.fonttype"] = "path"
    plt.rcParams["font.family"] = "DejaVu Sans"
    return plt


def _save(figure, fmt: str) -> bytes:
    if fmt not in CHART_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, dpi=_DPI, bbox_inches="tight", metadata=metadata)
    import matplotlib.pyplot as plt

    plt.close(figure)
    return buffer.getvalue()


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _indent(label: str, depth: int) -> str:
    # Tick labels are right-aligned, so leading spaces would not show: mark subcodes.
    return "· " * depth + _short(label)


def bar_chart(bars: Sequence[Bar], title: str, xlabel: str, fmt: str = "png") -> bytes:
    """A horizontal bar chart, first bar on top, each bar in its colour and labelled with
    its value (an integer unless it has decimals)."""
    plt = _pyplot()
    height = max(2.0, 0.34 * len(bars) + 1.2)
    figure, axes = plt.subplots(figsize=(8.5, height))
    positions = list(range(len(bars)))
    values = [b.value for b in bars]
    axes.barh(positions, values, color=[b.color for b in bars], edgecolor="#333333",
              linewidth=0.4)
    axes.set_yticks(positions)
    axes.set_yticklabels([_indent(b.label, b.depth) for b in bars], fontsize=8)
    axes.invert_yaxis()
    top = max(values, default=0) or 1
    for position, value in zip(positions, values):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        axes.text(value + top * 0.01, position, text, va="center", fontsize=7)
    axes.set_xlim(0, top * 1.12)
    axes.set_xlabel(xlabel, fontsize=8)
    axes.set_title(title, fontsize=10, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="x", labelsize=7)
    return _save(figure, fmt)


def heatmap(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[float | int | None]],
    title: str,
    fmt: str = "png",
    row_colors: Sequence[str] | None = None,
    percent: bool = False,
) -> bytes:
    """A heatmap with the number in every cell (empty cells blank); row labels may carry a
    colour swatch (the code colours). ``None`` cells are drawn empty; without rows or
    columns the chart holds only its title and a dash."""
    import numpy as np

    plt = _pyplot()
    rows, columns = len(row_labels), len(column_labels)
    if not rows or not columns:
        figure, axes = plt.subplots(figsize=(6.0, 1.5))
        axes.set_axis_off()
        axes.text(0.5, 0.4, "–", ha="center", va="center", fontsize=14)
        axes.set_title(title, fontsize=10, loc="left")
        return _save(figure, fmt)
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in values],
                    dtype=float).reshape(rows, columns)
    width = min(max(6.0, 0.55 * columns + 4.0), 30.0)
    height = min(max(2.5, 0.32 * rows + 1.8), 40.0)
    figure, axes = plt.subplots(figsize=(width, height))
    finite = data[np.isfinite(data)]
    top = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    image = axes.imshow(np.ma.masked_invalid(data), cmap="Blues", vmin=0, vmax=top,
                        aspect="auto")
    axes.set_xticks(range(columns))
    axes.set_xticklabels([_short(c, 28) for c in column_labels], rotation=45, ha="right",
                         fontsize=7)
    axes.set_yticks(range(rows))
    axes.set_yticklabels([_short(r) for r in row_labels], fontsize=7)
    for i in range(rows):
        for j in range(columns):
            value = data[i, j]
            if not np.isfinite(value) or value == 0:
                continue
            text = (f"{value:.1f}" if percent else f"{value:g}")
            axes.text(j, i, text, ha="center", va="center", fontsize=6,
                      color="white" if value > top * 0.6 else "#1a1a1a")
    if row_colors:
        axes.tick_params(axis="y", pad=14)
        for i, color in enumerate(row_colors):
            axes.add_patch(plt.Rectangle((-0.5 - 0.3, i - 0.4), 0.22, 0.8, color=color,
                                         clip_on=False))
    figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02).ax.tick_params(labelsize=6)
    axes.set_title(title, fontsize=10, loc="left")
    return _save(figure, fmt)
