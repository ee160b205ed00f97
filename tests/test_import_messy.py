"""Messy files people really import: damaged CSVs, files that do not say their currency, ¥ and
₩ written by Shift_JIS and CP949, Excel error cells, hidden sheets, Korean and Japanese quotas."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.io.excel_import import ImportRefused, build_book, read_tables

HEADER = "Deal ID,Deal Name,Stage,Amount,Memo\r\n"


def problems_of(*paths, **options) -> list[str]:
    return [str(problem) for problem in read_tables(list(paths), **options).problems]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- damaged CSV files -----------------------------------------------------------------------
def test_a_quote_left_open_to_the_end_of_the_file_refuses_the_import_naming_its_row(tmp_path):
    path = write(tmp_path / "memo.csv", HEADER + 'D1,a,Open,100,ok\r\nD2,b,Open,200,"unclosed\r\n'
                                                 'D3,c,Open,300,x\r\nD4,d,Open,400,y\r\n')
    problems = problems_of(path)
    assert problems[0].startswith("memo.csv, row 3: a quote (\") opened in this row is never closed")
    with pytest.raises(ImportRefused):
        build_book(read_tables([path]))


def test_a_row_cut_short_at_the_end_of_the_file_refuses_the_import(tmp_path):
    path = write(tmp_path / "cut.csv", HEADER + "D1,Alpha,Open,100,x\r\nD2,Beta,Op")
    assert problems_of(path) == ["cut.csv, row 3: this last row has 3 value(s) where the header row (row 1) has 5, "
                                 "and the file ends without a line break: it looks cut short; export it again"]


@pytest.mark.parametrize("last", ['D2,"Be\r\nta",Op', 'D2,"Beta",Op'])
def test_a_cut_row_holding_quotes_is_found_too(tmp_path, last):
    path = write(tmp_path / "cut.csv", HEADER + "D1,Alpha,Open,100,x\r\n" + last)
    assert problems_of(path)[0].startswith("cut.csv, row 3: this last row has 3 value(s) where the header row")


def test_a_row_with_more_values_than_the_header_refuses_the_import(tmp_path):
    path = write(tmp_path / "ragged.csv", HEADER + "D1,a,Open,100,x\r\nD2,b,Open,100,x,EXTRA,MORE\r\n")
    assert problems_of(path) == ["ragged.csv, row 3: 7 value(s) where the header row (row 1) has 5: a delimiter "
                                 "(,) out of place or a cell holding one without quotes; fix the row and import again"]


def test_what_real_exports_write_still_imports(tmp_path):
    """Excel's quoted multi-line cells, trailing empty cells left out (older Excel writes rows
    so) or written as extra delimiters, and a last row complete without a final line break."""
    text = (HEADER + 'D1,a,Open,100,"two\r\nlines"\r\nD2,b,Open,200\r\nD3,c,Open,300,,,\r\n'
            'D4,"d, quoted",Open,"1,400",last')
    deals = read_tables([write(tmp_path / "excel.csv", text)]).frames["Deals"].set_index("id")
    assert deals.loc["D1", "Memo"] == "two\r\nlines" or deals.loc["D1", "Memo"] == "two\nlines"
    assert list(deals.index) == ["D1", "D2", "D3", "D4"]
    assert deals["amount"].tolist() == [10000, 20000, 30000, 140000]
    assert deals.loc["D4", "name"] == "d, quoted"


def test_title_rows_above_the_header_do_not_count_as_the_header(tmp_path):
    text = "Pipeline export\r\n\r\n" + HEADER + "D1,a,Open,100,x\r\nD2,b,Open,100,x,EXTRA\r\n"
    assert problems_of(write(tmp_path / "titled.csv", text)) == [
        "titled.csv, row 5: 6 value(s) where the header row (row 3) has 5: a delimiter (,) out of place or a cell "
        "holding one without quotes; fix the row and import again"]


# -- the currency of a new book --------------------------------------------------------------
JAPANESE = "案件ID,案件名,フェーズ,金額,担当者\r\nJ-1,東京,提案,1200000,佐藤\r\n"


def test_a_file_that_does_not_say_its_currency_is_read_as_usd_with_a_warning_saying_how_to_choose(tmp_path):
    path = write(tmp_path / "案件.csv", JAPANESE)
    result = read_tables([path])
    assert result.currency == "USD"
    assert "案件.csv: the files do not say which currency their amounts are in: they are read as USD; choose " \
           "another with --currency CODE (in the app: Currency, on the Sheets and columns page)" in \
        [str(warning) for warning in result.warnings]
    chosen = read_tables([path], currency="JPY")
    assert chosen.currency == "JPY" and not any("currency" in str(w) for w in chosen.warnings)
    said = read_tables([write(tmp_path / "yen.csv", JAPANESE.replace("1200000", "￥1200000"))])
    assert said.currency == "JPY" and not any("currency" in str(w) for w in said.warnings)


def test_planner_import_currency_chooses_the_currency_of_the_new_book(tmp_path):
    from fixtures import planner
    from planner.storage import open_book

    path = write(tmp_path / "案件.csv", JAPANESE)
    assumed = planner("import", path, "--out", tmp_path / "usd.planner")
    assert "they are read as USD; choose another with --currency CODE" in assumed.stderr
    chosen = planner("import", path, "--out", tmp_path / "jpy.planner", "--currency", "jpy")
    assert "currency" not in chosen.stderr
    book = open_book(tmp_path / "jpy.planner")
    assert book.currency == "JPY" and book["Deals"]["amount"].tolist() == [1200000]
    bad = planner("import", path, "--out", tmp_path / "x.planner", "--currency", "YEN", check=False)
    assert bad.returncode == 1 and bad.stderr == \
        "planner: error: Unknown currency 'YEN': use an ISO code such as USD, KRW or JPY\n"
    into = planner("import", path, "--into", tmp_path / "jpy.planner", "--currency", "KRW", "--dry-run", check=False)
    assert into.returncode == 1 and into.stderr.startswith(
        "planner: error: --currency KRW is not the currency of ") and "(JPY)" in into.stderr


# -- ¥ and ₩ as Shift_JIS and CP949 write them ---------------------------------------------
@pytest.mark.parametrize("encoding, header, currency", [("cp932", "案件ID,案件名,フェーズ,金額,担当者", "JPY"),
                                                      ("cp949", "거래 ID,거래명,단계,금액,담당자", "KRW")])
def test_a_backslash_before_an_amount_of_a_shift_jis_or_cp949_file_is_its_yen_or_won(tmp_path, encoding, header,
                                                                                     currency):
    # those encodings write ¥ and ₩ as byte 0x5C, the backslash; Japanese and Korean Windows show it as the sign
    text = header + '\r\nJ-1,東京,提案,"\\1,200,000",佐藤\r\nJ-2,大阪,提案,\\ 500,佐藤\r\nJ-3,\\1,提案,\\300,佐藤\r\n'
    if encoding == "cp949":
        text = text.replace("東京", "서울").replace("大阪", "부산").replace("提案", "제안").replace("佐藤", "김민수")
    result = read_tables([write(tmp_path / "deals.csv", text, encoding)])
    assert result.problems == [] and result.currency == currency
    deals = result.frames["Deals"].set_index("id")
    assert deals["amount"].tolist() == [1200000, 500, 300]
    assert deals.loc["J-3", "name"] == "\\1"  # a backslash in text that is no amount stays one


def test_a_backslash_in_a_utf8_file_is_a_backslash_shown_once_in_the_error(tmp_path):
    path = write(tmp_path / "deals.csv", "Deal ID,Deal Name,Stage,Amount\r\nD1,a,Open,\\1200\r\n")
    assert problems_of(path) == ["deals.csv, row 2, column Amount: '\\1200' is not an amount (expected a number "
                                 "such as 1,234.50)"]


# -- Excel error cells -------------------------------------------------------------------------
def error_workbook(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "商談"
    for row in (["案件ID", "案件名", "フェーズ", "金額", "担当者", "メモ"],
                ["J-1", "東京", "提案", 1200000, "佐藤", "ok"],
                ["J-2", "大阪", "提案", "#REF!", "佐藤", "#NUM!"],
                ["J-3", "#VALUE!", "提案", "#DIV/0!", "佐藤", ""],
                ["J-4", "京都", "提案", "#N/A", "佐藤", ""]):
        sheet.append(row)  # openpyxl writes "#REF!" and the like as error cells (t="e")
    workbook.save(path)
    return path


def test_excel_error_cells_are_refused_naming_sheet_row_column_and_the_error(tmp_path):
    path = error_workbook(tmp_path / "errors.xlsx")
    assert sorted(problems_of(path, currency="JPY")) == sorted(
        f"errors.xlsx, sheet 商談, row {row}, column {column}: holds {error}, an Excel error (a formula that "
        "failed): fix the formula or clear the cell, then import again"
        for row, column, error in ((3, "金額", "#REF!"), (4, "案件名", "#VALUE!"), (4, "金額", "#DIV/0!")))


def test_an_error_cell_split_between_two_windows_of_the_scan_is_found(tmp_path, monkeypatch):
    from planner.io import safety

    path = error_workbook(tmp_path / "errors.xlsx")
    whole = safety.check_xlsx(path).errors
    assert whole == {"商談": [(3, 4, "#REF!"), (3, 6, "#NUM!"), (4, 2, "#VALUE!"), (4, 4, "#DIV/0!"),
                             (5, 4, "#N/A")]}
    for size in range(100, 140):  # windows of the sheet cut between the tags of a cell, wherever they fall
        monkeypatch.setattr(safety, "CHUNK", size)
        assert safety.check_xlsx(path).errors == whole, size


# -- hidden sheets -----------------------------------------------------------------------------
def hidden_workbook(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    shown = workbook.active
    shown.title = "商談"
    old = workbook.create_sheet("商談 (旧)")
    for sheet, deal in ((shown, "J-1"), (old, "J-9")):
        sheet.append(["案件ID", "案件名", "フェーズ", "金額", "担当者"])
        sheet.append([deal, "東京", "提案", 100, "佐藤"])
    old.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_a_hidden_sheet_is_left_out_with_a_warning_unless_the_mapping_names_it(tmp_path):
    from planner.io.mapping import Mapping

    path = hidden_workbook(tmp_path / "hidden.xlsx")
    result = read_tables([path], currency="JPY")
    assert result.frames["Deals"]["id"].tolist() == ["J-1"]
    assert "hidden.xlsx, sheet 商談 (旧): a hidden sheet: left out (Excel hides it, and it may hold old or helper " \
           "rows); map it to a table to import it" in [str(warning) for warning in result.warnings]
    assert [w.sheet for w in result.warnings].count("商談 (旧)") == 1  # said once
    named = read_tables([path], Mapping(tables={"商談 (旧)": "Deals"}), currency="JPY")
    assert named.frames["Deals"]["id"].tolist() == ["J-1", "J-9"]
    assert not any("a hidden sheet" in str(warning) for warning in named.warnings)


# -- where a new open stage goes ---------------------------------------------------------------
KOREAN_DEALS = ("거래 ID,거래명,담당자,단계,금액,생성일,마감일\r\n"
                "K-1,서울,김민수,제안,\"₩1,200,000\",2026-01-05,\r\nK-2,부산,김민수,협상,₩500,2026-01-06,\r\n"
                "K-3,대구,김민수,수주,₩700,2026-01-07,2026-02-01\r\nK-4,광주,김민수,실주,₩800,2026-01-08,2026-02-02\r\n")


def stage_orders(book) -> dict[str, int]:
    stages = book["Stages"].sort_values("order")
    return dict(zip(stages["stage"], stages["order"]))


def test_a_new_open_stage_merged_into_a_book_goes_after_its_open_stages_before_won_and_lost(tmp_path):
    from planner.io.excel_import import plan_merge
    from planner.io.mapping import Mapping

    book = build_book(read_tables([write(tmp_path / "ko.csv", KOREAN_DEALS)]))
    assert stage_orders(book) == {"제안": 1, "협상": 2, "수주": 3, "실주": 4}
    into = write(tmp_path / "into.csv", "거래 ID,거래명,담당자,단계,금액,생성일\r\nK-9,신규,김민수,검토중,₩900,2026-02-05\r\n")
    change, summary = plan_merge(book, read_tables([into], Mapping(stages={"검토중": "open"}), book=book))
    assert summary.tables["Stages"] == {"added": 1, "changed": 2, "unchanged": 0}  # won and lost move down one
    book.apply(change)
    assert stage_orders(book) == {"제안": 1, "협상": 2, "검토중": 3, "수주": 4, "실주": 5}
    assert book.problems() == []


def test_a_new_open_stage_of_a_new_book_goes_before_the_won_and_lost_of_its_stages_sheet(tmp_path):
    stages = write(tmp_path / "stages.csv", "Stage,Order,Probability,Kind\r\n제안,1,50%,open\r\n수주,2,100%,won\r\n"
                                            "실주,3,0%,lost\r\n")
    deals = write(tmp_path / "deals.csv", "Deal ID,Stage,Amount,Created\r\nD1,제안,5,2026-01-05\r\n"
                                          "D2,검토중,5,2026-01-05\r\n")
    book = build_book(read_tables([stages, deals]))
    assert stage_orders(book) == {"제안": 1, "검토중": 2, "수주": 3, "실주": 4}


def test_a_probability_written_on_each_deal_says_what_became_of_it(tmp_path):
    """A per-deal probability (確度) was dropped without a word: Planner keeps one per stage.
    The stages made take what most of their deals say, and the import says so, and which
    stage's deals disagree; merged into a book whose stages exist, it says they were not kept."""
    deals = write(tmp_path / "deals.csv", "案件ID,フェーズ,金額,作成日,確度\r\nJ1,提案,5,2026-01-05,30%\r\n"
                                          "J2,提案,5,2026-01-05,60%\r\nJ3,交渉,5,2026-01-05,60%\r\n"
                                          "J4,交渉,5,2026-01-05,60%\r\n")
    result = read_tables([deals])
    warnings = [str(w) for w in result.warnings]
    assert "deals.csv, column 確度: a stage has one probability, not one per deal: the stages made took 提案 50%, " \
           "交渉 60%" in warnings
    assert "deals.csv, column 確度: the deals of 提案 disagree on their probability (30%, 60%): the stage took 50%; " \
           "set it in the Stages sheet" in warnings
    book = build_book(result)
    assert dict(zip(book["Stages"]["stage"], book["Stages"]["probability"])) == {"提案": 500_000, "交渉": 600_000}
    again = [str(w) for w in read_tables([deals], book=book).warnings]
    assert "deals.csv, column 確度: a stage has one probability, not one per deal: the deals' were not kept (the " \
           "book's stages keep theirs)" in again


# -- Korean and Japanese quotas ------------------------------------------------------------------
def test_quotas_sheets_in_korean_and_japanese_read_their_periods_and_amounts(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    deals = workbook.active
    deals.title = "거래"
    for row in (["거래 ID", "거래명", "담당자", "단계", "금액", "생성일"], ["K-1", "A", "S1", "제안", 1000, "2026-01-05"]):
        deals.append(row)
    reps = workbook.create_sheet("담당자")
    for row in (["담당자 ID", "이름"], ["S1", "김민수"]):
        reps.append(row)
    quotas = workbook.create_sheet("할당량")
    for row in (["담당자", "기간", "금액"], ["S1", "2026년 1분기", 3000000], ["S1", "2026年第2四半期", 2000000],
                ["S1", "2026년 7월", 900000]):
        quotas.append(row)
    workbook.save(tmp_path / "ko_book.xlsx")
    result = read_tables([tmp_path / "ko_book.xlsx"], currency="KRW")
    assert result.problems == []
    assert result.frames["Quotas"][["period", "amount"]].values.tolist() == [["2026-Q1", 3000000],
                                                                            ["2026-Q2", 2000000],
                                                                            ["2026-07", 900000]]
    from planner.io.mapping import guess_mapping
    assert guess_mapping(["担当者", "期間", "金額"], source="ノルマ").columns["Quotas"]["金額"] == "amount"
