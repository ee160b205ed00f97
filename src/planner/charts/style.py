"""The dashboard's look: fonts that render Korean and Japanese, colours, money on axes."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter, MaxNLocator

from planner.core.money import minor_digits

# Families tried in order for every glyph (matplotlib falls back per character): CJK fonts of
# Linux (fonts-noto-cjk), Windows and macOS first, so Hangul and kana never render as boxes.
FONT_FAMILIES = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Malgun Gothic", "Yu Gothic", "Meiryo",
                 "Apple SD Gothic Neo", "Hiragino Sans", "DejaVu Sans")

INK = "#263238"          # titles and labels
MUTED = "#607d8b"        # subtitles, secondary text
GRID = "#e3e8ec"
BLUE, BLUE_LIGHT, NAVY = "#3b7dd8", "#a9c8ef", "#1d3f72"
ORANGE, GREEN, RED, GREY = "#e8843a", "#2e9e6b", "#c94a3b", "#9aa7b0"

# Type passed in by callers: ``translate(context, text)``, e.g. QCoreApplication.translate.
Translate = Callable[[str, str], str]


def untranslated(_context: str, text: str) -> str:
    """The default translate: the English text as written."""
    return text


@lru_cache(maxsize=1)
def font_families() -> list[str]:
    """The families of FONT_FAMILIES this machine has (DejaVu Sans ships with matplotlib), so
    matplotlib never warns about a missing one."""
    if not _installed() & set(FONT_FAMILIES[:-1]):
        _add_system_cjk_fonts()
    installed = _installed()
    return [family for family in FONT_FAMILIES if family in installed] or ["DejaVu Sans"]


def _installed() -> set[str]:
    return {entry.name for entry in font_manager.fontManager.ttflist}


def _add_system_cjk_fonts() -> None:
    """Give matplotlib the Korean-capable fonts fontconfig knows of, and save its font list.

    matplotlib scans the system's fonts once and caches the list (``fontlist-v*.json``): fonts
    installed after it first ran (fonts-noto-cjk) are not in it, and Hangul and kana turn into
    boxes. Without fontconfig (Windows, macOS) there is nothing to ask."""
    program = shutil.which("fc-list")
    if program is None:
        return
    try:
        listed = subprocess.run([program, ":lang=ko", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return
    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    files = sorted({line.split(":")[0].strip() for line in listed.splitlines() if line.strip()} - known)
    for path in files:
        with contextlib.suppress(Exception):  # an unreadable font file: matplotlib skips it too
            manager.addfont(path)
    if files:  # the next start reads the repaired list (as a rebuilt cache would hold it)
        cache = Path(matplotlib.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
        with contextlib.suppress(Exception):
            font_manager.json_dump(manager, cache)


def rc() -> dict:
    return {
        "font.family": font_families(),
        "font.size": 9,
        "text.color": INK,
        "axes.labelcolor": INK,
        "axes.edgecolor": "#b0bec5",
        "axes.linewidth": 0.8,
        "axes.titlesize": 8.5,
        "axes.titlecolor": MUTED,
        "axes.titlelocation": "left",
        "axes.labelsize": 8.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "axes.axisbelow": True,
        "axes.unicode_minus": False,  # CJK fonts lack U+2212
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelcolor": INK,
        "ytick.labelcolor": INK,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 7.5,
        "legend.frameon": False,
        "figure.facecolor": "white",
        "figure.titlesize": 11,
        "figure.titleweight": "bold",
        "savefig.facecolor": "white",
    }


@contextlib.contextmanager
def chart_style(figure) -> Iterator[None]:
    """Build a chart in the dashboard's style: the figure is cleared and laid out with the
    constrained engine; every text made inside takes the CJK-capable fonts."""
    with matplotlib.rc_context(rc()):
        figure.clear()
        figure.set_facecolor("white")
        figure.set_layout_engine("constrained", h_pad=0.06, w_pad=0.06)
        yield


def title(figure, text: str, subtitle: str = "") -> None:
    """The chart's bold title at the figure's left edge, with an optional grey line under it.

    The title keeps an empty second line, so the constrained layout reserves room for the
    subtitle, which is anchored to the title's bottom-left corner (both flush left, whatever
    the width of the axis labels)."""
    heading = figure.suptitle(f"{text}\n" if subtitle else text, x=0.012, ha="left", va="top", color=INK,
                              linespacing=1.45)
    if subtitle:
        figure.add_artist(Annotation(subtitle, xy=(0, 0), xycoords=heading, xytext=(0, 2), textcoords="offset points",
                                     color=MUTED, fontsize=8.5, ha="left", va="bottom"))


def major(minor: float, currency: str) -> float:
    """Minor units as a number of major units (for placing on an axis)."""
    return float(minor) / 10 ** minor_digits(currency)


def money_text(value: float, currency: str) -> str:
    """Major units with thousands separators; cents only when the amount has them and the
    currency does (KRW and JPY never show decimals)."""
    digits = minor_digits(currency)
    if digits == 0 or abs(value) >= 1000 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def compact_money(value: float, currency: str) -> str:
    """A short label for a bar: whole major units with thousands separators."""
    return f"{value:,.0f}" if abs(value) >= 1 or minor_digits(currency) == 0 else f"{value:,.{minor_digits(currency)}f}"


def money_axis(axis, currency: str) -> None:
    """Ticks of ``axis`` (ax.yaxis / ax.xaxis) as money in major units with separators."""
    axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=minor_digits(currency) == 0))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: money_text(value, currency)))


def no_data(ax, text: str, y: float = 0.5) -> None:
    """A grey note in the middle of an empty chart (``y``: higher, over a chart half drawn)."""
    ax.text(0.5, y, text, transform=ax.transAxes, ha="center", va="center", color=MUTED, fontsize=9)
