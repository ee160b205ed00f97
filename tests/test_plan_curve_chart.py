"""The Plans tab's chart (charts/plan_curve.py), drawn without Qt: tiers as bands, marginal and
retroactive apart, the 100% line, the cap and the bonuses; CJK text with no missing glyph."""

from __future__ import annotations

import warnings

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from fixtures import small_book
from planner.charts.plan_curve import MARGINAL_COLOUR, RETROACTIVE_COLOUR, draw_payout_curve
from planner.core.payout_curve import payout_curve, plan_rows


def drawn(name: str, translate=None, cap=None):
    book = small_book()
    plan = int(book["Plans"].index[book["Plans"]["plan"] == name][0])
    if cap is not None:
        book.set_value("Plans", plan, "cap", cap)
    tiers, bonuses, plan_cap, title = plan_rows(book, plan)
    figure = Figure(figsize=(8, 3.4), dpi=80)
    extra = {"translate": translate} if translate else {}
    draw_payout_curve(figure, payout_curve(book, plan, quota=1_000_000), tiers, bonuses, plan_cap, title, **extra)
    figure.canvas.draw()
    return figure


def bands(figure):
    ax = figure.axes[0]
    return [(patch.get_hatch(), patch.get_facecolor()[:3]) for patch in ax.patches if not isinstance(patch, Rectangle)
            or patch.get_width() != 1]


def legend_texts(figure):
    return [text.get_text() for legend in figure.legends for text in legend.get_texts()]


def test_marginal_and_retroactive_tiers_look_different():
    from matplotlib.colors import to_rgb

    marginal, retroactive = drawn("MARG"), drawn("RETRO")
    assert {hatch for hatch, _colour in bands(marginal)} == {None}
    assert {colour for _hatch, colour in bands(marginal)} == {to_rgb(MARGINAL_COLOUR)}
    assert {hatch for hatch, _colour in bands(retroactive)} == {"//"}
    assert {colour for _hatch, colour in bands(retroactive)} == {to_rgb(RETROACTIVE_COLOUR)}
    assert len(bands(marginal)) == 3 and len(bands(retroactive)) == 2
    lines = [line for line in marginal.axes[0].get_lines() if isinstance(line, Line2D)]
    assert any(list(line.get_xdata()) == [100, 100] for line in lines)  # the 100% line


def test_a_cap_within_reach_is_drawn_and_one_above_is_named():
    # MARG at a $10,000 quota pays $1,850 at 200%: a cap of $10,000 would flatten the curve
    assert "Cap of 10,000: above the chart" in legend_texts(drawn("MARG", cap=1_000_000))
    near = drawn("MARG", cap=60_000)  # $600: reached at 125%
    assert "Cap" in legend_texts(near)
    assert any(list(line.get_ydata()) == [600, 600] for line in near.axes[0].get_lines())
    assert "Bonus" in legend_texts(near) and any("+500" == t.get_text() for t in near.axes[0].texts)


def test_korean_and_japanese_labels_have_every_glyph():
    translations = {"Payout against attainment": "달성률별 지급액", "Total payout": "支給額合計"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of each glyph a font lacks
        figure = drawn("MARG", translate=lambda _context, text: translations.get(text, text))
    assert "支給額合計" in legend_texts(figure)
