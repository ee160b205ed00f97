"""Order logs (sales exports with no pipeline) import as won deals: the published Kaggle,
Superstore, Microsoft and Power BI samples as a user runs them, checked against pandas on the
raw files, and the rules one by one on small files."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from fixtures import planner
from planner.core.errors import PlannerError
from planner.io.excel_import import ImportRefused, build_book, plan_merge, read_tables
from planner.io.mapping import Mapping, guess_columns

EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "external"
KAGGLE = EXTERNAL / "kaggle-sales-data-sample" / "sales_data_sample.csv"
SUPERSTORE = EXTERNAL / "tableau-superstore" / "Sample - Superstore.xlsx"
FINANCIAL = EXTERNAL / "ms-financial-sample" / "Financial Sample.xlsx"
POWER_BI = EXTERNAL / "powerbi-opportunity-tracking" / "Opportunity Tracking Sample no PV.xlsx"
CENT = Decimal("0.01")
EXCEL = Context(prec=15)  # what Excel shows of a number


def here(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path.name} is not here")


def write_csv(path: Path, rows: list[list]) -> Path:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("utf-8"))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def report(book: Path, period: str) -> dict:
    return json.loads(planner("report", book, "--period", period, "--json").stdout)


def credited(data: dict) -> dict[str, str]:
    return {row["rep"]: row["credited"] for row in data["attainment"]}


def decimal_sum(values) -> Decimal:
    return sum((EXCEL.plus(Decimal(repr(v)) if isinstance(v, float) else Decimal(v)) for v in values), Decimal(0))


# -- the published files -----------------------------------------------------------------------
@here(KAGGLE)
def test_kaggle_sales_sample_imports_its_orders_as_won_deals_with_the_figures_pandas_gives(tmp_path):
    book = tmp_path / "kaggle.planner"
    run = planner("import", KAGGLE, "--out", book)
    assert "read as an order log: 307 order(s) from 2,823 row(s) as won deals, 7 cancelled on their date " \
           "(STATUS: Cancelled 4, Disputed 3)" in run.stderr
    data = report(book, "2004")
    raw = pd.read_csv(KAGGLE, dtype=str, keep_default_na=False)  # TERRITORY "NA" is North America
    raw = raw[pd.to_datetime(raw["ORDERDATE"], format="%m/%d/%Y %H:%M").dt.year == 2004]
    assert data["pipeline"]["won_count"] == raw["ORDERNUMBER"].nunique() == 144
    assert data["pipeline"]["won_value"] == str(decimal_sum(raw["SALES"])) == "4724162.60"
    assert data["pipeline"]["lost_count"] == 0 and data["pipeline"]["open_count"] == 0
    # cancelled and disputed orders are won deals cancelled on their date: no credit
    kept = raw[~raw["STATUS"].isin(["Cancelled", "Disputed"])]
    assert credited(data) == {territory: str(decimal_sum(lines["SALES"]))
                              for territory, lines in kept.groupby("TERRITORY")}
    assert credited(data)["NA"] == "1775889.12"


@here(SUPERSTORE)
def test_superstore_orders_returns_and_people_give_the_figures_pandas_gives(tmp_path):
    book = tmp_path / "superstore.planner"
    run = planner("import", SUPERSTORE, "--out", book)
    assert "read as an order log: 5,009 order(s) from 10,290 row(s) as won deals, 296 cancelled on their date " \
           "(Returned: 296)" in run.stderr
    assert "each order's owner is the rep of its Region: Central → Kelly Williams" in run.stderr
    data = report(book, "2017")
    sheets = pd.read_excel(SUPERSTORE, sheet_name=None, engine="calamine")
    orders = sheets["Orders"][sheets["Orders"]["Order Date"].dt.year == 2017]
    # an order's lines add up exactly (as Excel shows each), the order rounded once to the cent
    totals = orders.groupby("Order ID")["Sales"].agg(lambda lines: decimal_sum(lines).quantize(CENT, ROUND_HALF_UP))
    assert data["pipeline"]["won_count"] == len(totals) == 1687
    assert data["pipeline"]["won_value"] == str(totals.sum()) == "733215.36"
    returned = set(sheets["Returns"]["Order ID"])
    person = dict(zip(sheets["People"]["Region"], sheets["People"]["Person"]))
    region = orders.groupby("Order ID")["Region"].first()
    kept = totals[~totals.index.isin(returned)]
    expected = kept.groupby(region[kept.index].map(person)).sum()
    assert credited(data) == {rep: str(amount) for rep, amount in expected.items()}


@here(FINANCIAL)
def test_microsoft_financial_sample_imports_each_row_as_an_order_of_its_country(tmp_path):
    book = tmp_path / "financial.planner"
    run = planner("import", FINANCIAL, "--out", book)
    assert "read as an order log: 700 order(s) from 700 row(s) as won deals, 0 cancelled" in run.stderr
    assert "6 order(s) come to fractions of the smallest unit of USD, such as 31133.025" in run.stderr
    data = report(book, "2014")
    raw = pd.read_excel(FINANCIAL, sheet_name="Sheet1", engine="calamine")
    raw = raw[pd.to_datetime(raw["Date"]).dt.year == 2014]
    rows = raw[" Sales"].map(lambda v: decimal_sum([v]).quantize(CENT, ROUND_HALF_UP))
    assert data["pipeline"]["won_count"] == len(raw) == 525
    assert data["pipeline"]["won_value"] == str(rows.sum())
    assert credited(data) == {country: str(amounts.sum()) for country, amounts in rows.groupby(raw["Country"])}


@here(POWER_BI)
def test_a_pivot_over_a_power_pivot_model_is_refused_saying_how_to_get_the_data(tmp_path):
    result = planner("import", POWER_BI, "--out", tmp_path / "pbi.planner", check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("planner: error: Nothing was imported: the data of Opportunity Tracking Sample "
                                    "no PV.xlsx lives only in its Power Pivot data model")
    assert "Export the table itself to a CSV or .xlsx file" in result.stderr
    assert not (tmp_path / "pbi.planner").exists()


# -- nothing matches ---------------------------------------------------------------------------
def test_a_file_nothing_matches_names_the_headers_read_and_the_mapping_flag(tmp_path):
    path = write_csv(tmp_path / "ventes.csv", [["Fecha", "Cliente", "Importe"], ["2024-01-05", "Acme", "100"]])
    result = planner("import", path, "--out", tmp_path / "x.planner", check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "no sheet of ventes.csv has the headers of a table of the book, such as Deals (Deal ID, Owner, Stage, " \
           "Amount, Created); Reps (Rep ID, Name)" in result.stderr
    assert "an order log (Order ID, Order Date, Sales, Customer Name, Region)" in result.stderr
    assert "--mapping MAP.json" in result.stderr
    # what the message says works: a mapping of those headers imports the file
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"planner_mapping": 1, "tables": {"ventes.csv": "Deals"}, "columns": {"Deals": {
        "Fecha": ["created", "closed"], "Cliente": "account", "Importe": "amount"}}}), encoding="utf-8")
    run = planner("import", path, "--out", tmp_path / "x.planner", "--mapping", mapping)
    assert "read as an order log: 1 order(s) from 1 row(s) as won deals" in run.stderr


@pytest.mark.parametrize("lang", ["en", "ko", "ja"])
def test_the_headers_a_refusal_names_are_read_as_those_columns_in_each_language(qapp, lang):
    from PySide6.QtCore import QCoreApplication

    from planner.core import schema
    from planner.io.import_results import EXPECTED, Expected
    from planner.qt.i18n import install_translators

    install_translators(qapp, lang)
    try:
        translate = QCoreApplication.translate
        text = Expected().translated(translate)
        for table, columns in EXPECTED.items():
            labels = [translate("schema", schema.TABLES[table].column(c).label) for c in columns]
            assert f"{translate('schema', schema.TABLES[table].label)} ({', '.join(labels)})" in text
            assert guess_columns(labels, table) == dict(zip(labels, columns)), (lang, table)
        order_log = translate("errors", "an order log (Order ID, Order Date, Sales, Customer Name, Region)")
        headers = order_log[order_log.index("(") + 1:order_log.rindex(")")].split(", ")
        assert guess_columns(headers, "Deals") == dict(zip(headers, ["id", ("created", "closed"), "amount",
                                                                     "account", "region"])), lang
    finally:
        install_translators(qapp, "en")


# -- the rules, one by one ---------------------------------------------------------------------
ORDER_HEADER = ["Order ID", "Order Date", "Customer Name", "Region", "Category", "Sales", "Status", "Quantity",
                "City"]


def test_the_lines_of_an_order_are_one_won_deal_created_and_closed_on_its_date(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [
        ORDER_HEADER,
        ["A-1", "2024-03-05", "Acme", "West", "Chairs", "100.10", "Shipped", "2", "Seoul"],
        ["B-2", "2024-03-06", "Beta", "East", "Desks", "50", "Cancelled", "1", "Busan"],
        ["A-1", "2024-03-05", "Acme", "West", "Desks", "0.90", "Shipped", "5", "Seoul"],
        ["A-1", "2024-03-05", "Acme", "West", "Chairs", "9", "Shipped", "1", "Seoul"],
        ["C-3", "2024-04-01", "Core", "West", "Lamps", "20", "On Hold", "1", "Incheon"]])
    result = read_tables([path])
    assert result.problems == []
    deals = result.frames["Deals"]
    assert deals["id"].tolist() == ["A-1", "B-2", "C-3"]
    assert deals["amount"].tolist() == [11_000, 5_000, 2_000]
    assert deals["product"].tolist() == ["Chairs, Desks", "Desks", "Lamps"]
    assert deals["created"].tolist() == deals["closed"].tolist() == [pd.Timestamp(2024, 3, 5), pd.Timestamp(2024, 3, 6),
                                                                     pd.Timestamp(2024, 4, 1)]
    assert set(deals["stage"]) == {"Won"}
    # a cancelled order is a won deal cancelled on its date; "On Hold" is an order all the same
    assert deals["cancelled"].tolist() == [pd.NaT, pd.Timestamp(2024, 3, 6), pd.NaT]
    # the region names the rep: a rep named after it, with it as the team
    assert deals["owner"].tolist() == ["West", "East", "West"]
    assert result.frames["Reps"][["id", "team"]].values.tolist() == [["West", "West"], ["East", "East"]]
    # the user's own columns: kept when every line agrees, left out (said) when they differ
    assert deals["City"].tolist() == ["Seoul", "Busan", "Incheon"] and "Quantity" not in deals
    assert deals["Status"].tolist() == ["Shipped", "Cancelled", "On Hold"]
    notes = [str(w) for w in result.warnings]
    assert any("1 column(s) differ between the lines of one order and are left out: Quantity" in n for n in notes)
    assert any("read as an order log: 3 order(s) from 5 row(s) as won deals, 1 cancelled on their date "
               "(Status: Cancelled 1)" in n for n in notes)
    book = build_book(result)
    assert dict(zip(book["Stages"]["stage"], book["Stages"]["kind"])) == {"Won": "won", "Lost": "lost"}
    # with a Stages sheet of their own, the orders go to its won stage and no other is made
    stages = [["Stage", "Order", "Probability", "Kind"], ["Lead", 1, "10%", "open"], ["Closed Won", 2, "100%", "won"],
              ["Closed Lost", 3, "0%", "lost"]]
    with_stages = write_xlsx(tmp_path / "orders.xlsx", {"Orders": [ORDER_HEADER[:6], *[
        row[:6] for row in [["A-1", "2024-03-05", "Acme", "West", "Chairs", 100]]]], "Stages": stages})
    book = build_book(read_tables([with_stages]))
    assert book["Stages"]["stage"].tolist() == ["Lead", "Closed Won", "Closed Lost"]
    assert book.keyed("Deals")["stage"].tolist() == ["Closed Won"]


def test_an_order_is_rounded_once_not_line_by_line(tmp_path):
    path = write_xlsx(tmp_path / "orders.xlsx", {"Orders": [
        ["Order ID", "Order Date", "Sales", "Region"],
        ["A", "2024-01-02", 0.005, "West"], ["A", "2024-01-02", 0.005, "West"],  # 0.01, not 0.02
        ["B", "2024-01-02", 957.5775, "West"], ["B", "2024-01-02", 22.368000000000002, "West"],  # Excel's noise
        ["C", "2024-01-02", 10.25, "West"]]})
    result = read_tables([path])
    assert result.problems == []
    assert result.frames["Deals"]["amount"].tolist() == [1, 97995, 1025]
    # A comes to 0.01 exactly: only B is rounded
    assert any("1 order(s) come to fractions of the smallest unit of USD, such as 979.9455 (B): each order's "
               "amount is rounded once, half up (979.95)" in str(w) for w in result.warnings)
    # outside an order log an amount with more decimals than the currency has is still refused
    pipeline = write_csv(tmp_path / "deals.csv", [["Deal ID", "Owner", "Stage", "Amount", "Created"],
                                                  ["D1", "Kim", "Prospect", "957.5775", "2024-01-02"]])
    assert "has more decimals than amounts in USD have" in str(read_tables([pipeline]).problems[0])


def test_lines_of_one_order_must_share_its_date_and_region(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [["Order ID", "Order Date", "Region", "Sales"],
                                               ["A", "2024-01-02", "West", "1"], ["A", "2024-01-03", "West", "2"],
                                               ["A", "2024-01-02", "East", "3"], ["B", "2024-01-02", "East", ""]])
    with pytest.raises(ImportRefused) as refused:
        build_book(read_tables([path]))
    lines = str(refused.value).splitlines()[1:]
    assert lines == [
        "  orders.csv, row 3, column Order Date: '2024-01-03' differs from row 2 of the same order ('2024-01-02'): "
        "the lines of one order share its date, owner, region and currency",
        "  orders.csv, row 4, column Region: 'East' differs from row 2 of the same order ('West'): the lines of one "
        "order share its date, owner, region and currency",
        "  orders.csv, row 5, column Sales: a won or lost deal needs its Sales"]


def test_a_returns_sheet_cancels_its_orders_and_a_people_sheet_names_their_reps(tmp_path):
    path = write_xlsx(tmp_path / "store.xlsx", {
        "Orders": [["Order ID", "Order Date", "Region", "Sales"], ["A", "2024-01-02", "West", 10],
                   ["B", "2024-02-03", "East", 20], ["B", "2024-02-03", "East", 5]],
        "Returns": [["Returned", "Order ID"], ["Yes", "B"]],
        "People": [["Person", "Region"], ["Anna", "West"], ["Chuck", "East"]]})
    result = read_tables([path])
    assert result.problems == []
    assert result.mapping.tables == {"Orders": "Deals", "Returns": "Deals", "People": "Reps"}
    deals = result.frames["Deals"]
    assert deals[["id", "owner", "amount"]].values.tolist() == [["A", "Anna", 1000], ["B", "Chuck", 2500]]
    assert deals["cancelled"].tolist() == [pd.NaT, pd.Timestamp(2024, 2, 3)]
    book = build_book(result)
    assert book.keyed("Deals")["owner"].tolist() == ["Anna", "Chuck"] and len(book["Reps"]) == 2
    # a returned order the orders do not hold is named, not dropped
    stray = write_xlsx(tmp_path / "stray.xlsx", {"Orders": [["Order ID", "Order Date", "Region", "Sales"],
                                                            ["A", "2024-01-02", "West", 10]],
                                                 "Returns": [["Returned", "Order ID"], ["Yes", "Z"]]})
    problems = [str(p) for p in read_tables([stray]).problems]
    assert "stray.xlsx, sheet Returns, row 2, column Sales: a won or lost deal needs its Sales" in problems


def test_into_a_book_orders_go_to_its_won_stage_and_a_region_of_one_rep_to_that_rep(tmp_path, book):
    path = write_csv(tmp_path / "orders.csv", [["Order ID", "Order Date", "Region", "Sales"],
                                               ["O-1", "2026-02-10", "Tokyo", "300"],
                                               ["O-2", "2026-02-11", "Seoul", "400"]])
    result = read_tables([path], book=book, currency="USD")
    assert result.owners_unknown == ["Seoul"]  # two reps of the book are in Seoul: the user says which
    with pytest.raises(ImportRefused, match="'Seoul' is not a rep of the book"):
        plan_merge(book, result)
    mapping = Mapping(owners={"Seoul": "R3"})
    change, summary = plan_merge(book, read_tables([path], mapping, book=book, currency="USD"))
    assert summary.tables["Deals"]["added"] == 2 and "Stages" not in summary.tables or \
        summary.tables["Stages"]["added"] == 0
    book.apply(change)
    deals = book.keyed("Deals").set_index("id")
    assert deals.loc["O-1", "owner"] == "R2" and deals.loc["O-2", "owner"] == "R3"
    assert deals.loc["O-1", "stage"] == deals.loc["O-2", "stage"] == "Won"  # the book's won stage


# -- a header to two columns ---------------------------------------------------------------------
def test_a_mapping_sends_one_header_to_two_columns_and_saves_it_as_a_list(tmp_path):
    path = write_csv(tmp_path / "sales.csv", [["Tag", "Kunde", "Umsatz", "Verkäufer"],
                                              ["2024-05-01", "Acme", "120", "Kim"]])
    mapping = Mapping(tables={"sales.csv": "Deals"}, columns={"Deals": {
        "Tag": ("created", "closed"), "Kunde": "account", "Umsatz": "amount", "Verkäufer": "owner"}})
    saved = tmp_path / "map.json"
    mapping.save(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["columns"]["Deals"]["Tag"] == ["created", "closed"]
    assert Mapping.load(saved) == mapping
    result = read_tables([path], Mapping.load(saved))
    assert result.problems == []
    deals = result.frames["Deals"]
    assert deals["created"].tolist() == deals["closed"].tolist() == [pd.Timestamp(2024, 5, 1)]
    assert deals["owner"].tolist() == ["Kim"] and result.mapping.columns["Deals"]["Tag"] == ("created", "closed")
    bad = {"planner_mapping": 1, "columns": {"Deals": {"Tag": ["created", "shipped"]}}}
    with pytest.raises(PlannerError, match="'Tag' goes to 'shipped', which is not a column of Deals"):
        Mapping.from_json(bad)


def test_order_log_words_stay_the_users_own_columns_in_a_pipeline(tmp_path):
    columns = guess_columns(["Deal ID", "Owner", "Stage", "Amount", "Created", "Region", "Order Date", "Status"],
                            "Deals")
    assert columns["Region"] is None and columns["Order Date"] is None and columns["Status"] == "status"
    columns = guess_columns(["Order ID", "Order Date", "Sales", "Status", "Territory", "Country"], "Deals")
    assert columns == {"Order ID": "id", "Order Date": ("created", "closed"), "Sales": "amount",
                       "Status": "order_status", "Territory": "region", "Country": None}


def test_a_book_of_orders_exports_and_imports_back_the_same(tmp_path):
    from planner.io.excel_export import export_book, export_mapping

    path = write_csv(tmp_path / "orders.csv", [ORDER_HEADER,
                                               ["A-1", "2024-03-05", "Acme", "West", "Chairs", "100", "Shipped", "2",
                                                "Seoul"],
                                               ["B-2", "2024-03-06", "Beta", "East", "Desks", "50", "Cancelled", "1",
                                                "Busan"]])
    book = build_book(read_tables([path]))
    export_book(book, tmp_path / "orders.xlsx")
    again = read_tables([tmp_path / "orders.xlsx"], mapping=export_mapping())
    assert again.problems == []
    # the order's status kept as the user's own column is no deal status: it stays the user's
    assert any("Status holds no open, won or lost" in str(w) for w in again.warnings)
    columns = ["id", "account", "owner", "stage", "amount", "created", "closed", "cancelled", "product", "Status",
               "Region", "City"]
    pd.testing.assert_frame_equal(build_book(again).keyed("Deals")[columns].reset_index(drop=True),
                                  book.keyed("Deals")[columns].reset_index(drop=True))
