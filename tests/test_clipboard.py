"""Clipboard interchange with spreadsheets: TSV and HTML both ways, and paste shapes. No Qt."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.qt.clipboard import fit_block, format_html, format_tsv, parse_html, parse_tsv

# What Excel puts on the clipboard for a 3×3 block: CRLF rows, a trailing CRLF, quotes only
# around cells holding a tab, a line break or a quote.
EXCEL_TSV = (
    "Region\tAccount\tAmount\r\n"
    '서울 본사\t"Kim\tPark\nLee"\t1,234\r\n'
    '東京支社\t"he said ""hi"""\t-5,000.50\r\n'
)


def test_parse_tsv_reads_an_excel_payload():
    assert parse_tsv(EXCEL_TSV) == [
        ["Region", "Account", "Amount"],
        ["서울 본사", "Kim\tPark\nLee", "1,234"],
        ["東京支社", 'he said "hi"', "-5,000.50"],
    ]


def test_parse_tsv_keeps_cells_exactly():
    assert parse_tsv(" 1,234 \t007\t\t=A1\t 12.50") == [[" 1,234 ", "007", "", "=A1", " 12.50"]]


def test_quotes_inside_an_unquoted_cell_are_literal():
    assert parse_tsv('5" disk\tsay "hi"\t"\r\n') == [['5" disk', 'say "hi"', '"']]


def test_a_quote_that_is_not_closed_properly_is_literal():
    assert parse_tsv('"open\tnext\r\n"a"b\tc') == [['"open', "next"], ['"a"b', "c"]]


def test_quoted_cells_keep_crlf_and_empty_quotes():
    assert parse_tsv('"a\r\nb"\t""\r\n') == [["a\r\nb", ""]]


def test_ragged_rows_are_padded():
    assert parse_tsv("a\tb\tc\r\nd\r\n\r\ne\tf\r\n") == [["a", "b", "c"], ["d", "", ""], ["", "", ""], ["e", "f", ""]]


@pytest.mark.parametrize("text", ["a\tb\nc\td", "a\tb\rc\td", "a\tb\r\nc\td", "a\tb\nc\td\n", "a\tb\rc\td\r"])
def test_lf_cr_and_crlf_payloads_with_or_without_a_trailing_break(text):
    assert parse_tsv(text) == [["a", "b"], ["c", "d"]]


def test_only_one_trailing_break_is_dropped():
    assert parse_tsv("a\r\n\r\n") == [["a"], [""]]
    assert parse_tsv("\r\n") == [[""]]
    assert parse_tsv("a\t") == [["a", ""]]


def test_empty_payload():
    assert parse_tsv("") == []
    assert format_tsv([]) == ""


def test_format_tsv_quotes_only_what_needs_it():
    rows = [["plain", "1,234", "서울 본사"], ["a\tb", "two\nlines", 'say "hi"'], ['"lead', "cr\r", ""]]
    assert format_tsv(rows) == (
        "plain\t1,234\t서울 본사\r\n"
        '"a\tb"\t"two\nlines"\t"say ""hi"""\r\n'
        '"""lead"\t"cr\r"\t\r\n'
    )


cells = st.text(alphabet=st.sampled_from(list('ab \t\r\n",;=서울東京支社€\xa0')) | st.characters(), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5).flatmap(lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), max_size=6)))
def test_tsv_round_trip(rows):
    assert parse_tsv(format_tsv(rows)) == rows


def test_format_html_escapes_cells_and_marks_the_header():
    document = format_html([["<b>&", "two\nlines"], ['"q"', "東京支社"]], header=["Name", "Note <1>"])
    assert '<meta charset="utf-8">' in document
    assert "<tr><th>Name</th><th>Note &lt;1&gt;</th></tr>" in document
    assert "<tr><td>&lt;b&gt;&amp;</td><td>two<br>lines</td></tr>" in document
    assert "<td>&quot;q&quot;</td><td>東京支社</td>" in document
    assert document.count("<table>") == 1 and document.endswith("</table></body></html>")


def test_format_html_reads_back():
    rows = [["<b>&", "two\nlines", "1,234"], ["서울 본사", "", "a\r\nb"]]
    assert parse_html(format_html(rows, header=["A", "B", "C"])) == [["A", "B", "C"], *rows[:1],
                                                                     ["서울 본사", "", "a\nb"]]
    # HTML collapses spaces, as every reader of it does; text/plain is the exact form
    assert parse_html(format_html([[" a  b "]])) == [["a b"]]


# Trimmed from what Excel writes: a header outside the table, conditional comments, classes
# and styles on every element, source lines wrapped inside a cell, &nbsp; for an empty cell,
# merged cells, and a second table that must be ignored.
EXCEL_HTML = """Version:0.9
StartHTML:0000000105
<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<style><!--br {mso-data-placement:same-cell;} td {padding-top:1px;}--></style></head>
<body link="#0563C1">
<!--StartFragment-->
<table border=0 cellpadding=0 cellspacing=0 width=256 style='border-collapse:collapse'>
 <col width=64 span=4 style='width:48pt'>
 <tr height=20 style='height:15.0pt'>
  <th height=20 class=xl65 width=64>Region</th>
  <th colspan=2 class=xl66 style='border-left:none'>Account &amp; owner</th>
  <th class=xl65>Amount</th>
 </tr>
 <tr height=40>
  <td rowspan=2 class=xl67>서울
  본사</td>
  <td class=xl68 style='white-space:normal'>Kim<br style='mso-data-placement:same-cell'>Park</td>
  <td class=xl69>&nbsp;</td>
  <td class=xl70 align=right x:num="1234">1,234</td>
 </tr>
 <tr>
  <td>東京支社&nbsp;&nbsp;KK</td>
  <td><font class="font5">R&amp;D</font></td>
  <td align=right>-5,000.50</td>
 </tr>
 <tr><td colspan=3>short row</td>
</table>
<table><tr><td>not this one</td></tr></table>
<!--EndFragment-->
</body></html>"""


def test_parse_html_reads_an_excel_fragment():
    assert parse_html(EXCEL_HTML) == [
        ["Region", "Account & owner", "", "Amount"],
        ["서울 본사", "Kim\nPark", "", "1,234"],
        ["", "東京支社  KK", "R&D", "-5,000.50"],
        ["short row", "", "", ""],
    ]


def test_parse_html_tolerates_missing_end_tags_and_nested_tables():
    text = "<table><tr><td>a<td>b<tr><td><table><tr><td>in</td></tr></table>c</td><td>d"
    assert parse_html(text) == [["a", "b"], ["in c", "d"]]


@pytest.mark.parametrize("text", ["", "<p>no table</p>", "plain\ttext", "<table></table>"])
def test_parse_html_without_a_table(text):
    assert parse_html(text) == []


def test_parse_html_survives_bogus_spans():
    assert parse_html('<table><tr><td colspan="0">a</td><td colspan="2;">b</td><td colspan=x>c</td></tr></table>') \
        == [["a", "b", "", "c"]]


def test_one_value_fills_the_selection():
    assert fit_block([["7"]], 2, 3) == [["7", "7", "7"], ["7", "7", "7"]]


def test_one_row_is_tiled_over_a_whole_multiple():
    assert fit_block([["a", "b"]], 2, 4) == [["a", "b", "a", "b"], ["a", "b", "a", "b"]]
    assert fit_block([["a", "b"]], 3, 2) == [["a", "b"]] * 3


def test_one_column_is_tiled_over_a_whole_multiple():
    assert fit_block([["a"], ["b"]], 4, 2) == [["a", "a"], ["b", "b"], ["a", "a"], ["b", "b"]]


@pytest.mark.parametrize("block, target", [
    ([["a", "b"]], (2, 3)),  # 3 columns are not a multiple of 2
    ([["a"], ["b"]], (3, 1)),  # 3 rows are not a multiple of 2
    ([["a", "b"]], (1, 1)),  # a selection smaller than the block
    ([["a", "b"], ["c", "d"]], (4, 4)),  # a full block is pasted once
    ([["a"]], (1, 1)),
    ([], (3, 3)),
])
def test_other_shapes_are_pasted_unchanged(block, target):
    assert fit_block(block, *target) is block
