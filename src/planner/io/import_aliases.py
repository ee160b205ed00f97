"""The words an import recognises (no Qt): headers per table and column, sheet names, sheets
that are no table, stage names that say won or lost, and the usual probabilities of open stage
names — in English, Korean and Japanese and as CRM exports and order logs write them.

Kept apart from :mod:`planner.io.mapping`, which decides with them.
"""

from __future__ import annotations

# table -> column -> aliases, the most telling first: when two headers of a sheet claim one
# column, the one matching an earlier alias gets it and the other is kept as an extra column.
# Every column's own name is an alias too (matched first).
HEADER_ALIASES: dict[str, dict[str, list[str]]] = {
    "Deals": {
        "id": ["Deal ID", "Opportunity ID", "Record ID", "opportunity_id", "Deal - ID", "Id", "ID", "Deal Id",
               "Opportunity Id", "Guid", "Deal number", "거래 ID", "거래ID", "거래번호", "딜 ID", "기회 ID", "案件ID",
               "案件番号", "商談ID", "商談番号", "取引ID",
               # order logs: an order's lines share its id (they are one deal)
               "Order ID", "Order Number", "Order No", "Invoice", "Invoice No", "Invoice Number", "Transaction ID",
               "주문번호", "주문 ID", "주문 번호", "송장번호", "注文番号", "注文ID", "受注番号", "伝票番号"],
        "name": ["Deal Name", "Opportunity Name", "Opportunity", "Deal", "Title", "Deal - Title", "Deal Title",
                 "Subject", "Name", "거래명", "딜명", "건명", "영업기회명", "기회명", "거래 이름", "案件名", "商談名",
                 "件名", "取引名"],
        "account": ["Account", "Account Name", "Company", "Company Name", "Associated Company", "Customer",
                    "Organization", "Organization - Name", "Deal - Organization", "Client", "Partner",
                    "AccountId", "Account Id", "고객사", "거래처", "회사명", "고객", "고객명", "顧客名", "取引先",
                    "取引先名", "会社名", "顧客", "企業名", "Customer Name", "Client Name", "주문자", "得意先",
                    "得意先名"],
        "owner": ["Owner", "Deal owner", "Deal Owner", "Opportunity Owner", "Owner Name", "Owner Full Name",
                  "Opportunity Owner: Full Name", "Owner.Name", "OwnerId", "Salesperson", "Sales Rep",
                  "Sales agent", "sales_agent", "Assigned to", "Deal - Owner", "Rep", "담당자", "영업담당",
                  "영업 담당자", "담당 영업", "영업사원", "担当者", "営業担当", "営業担当者", "担当", "担当営業"],
        "stage": ["Stage", "Deal Stage", "deal_stage", "StageName", "Stage Name", "Deal - Stage", "Pipeline stage",
                  "Phase", "단계", "진행 단계", "영업 단계", "거래 단계", "파이프라인 단계", "フェーズ", "ステージ",
                  "段階", "商談フェーズ", "進捗", "ステータス"],
        "amount": ["Amount", "Deal Amount", "Value", "Deal value", "Deal - Value", "close_value", "Sales",
                   "Sales Amount", "Deal Size",
                   "Opportunity Amount", "Amount in company currency", "Expected Revenue",
                   "Planned Revenue", "금액", "거래 금액", "거래금액", "예상 금액", "계약 금액", "매출액", "金額",
                   "受注金額", "見込金額", "商談金額", "契約金額", "売上",
                   # order logs
                   "Net Sales", "Total Sales", "Revenue", "Order Total", "Order Amount",
                   "Line Total", "매출", "매출 금액", "판매액", "판매 금액", "주문 금액", "売上金額", "売上高", "注文金額",
                   "販売金額"],
        "currency": ["Currency", "CurrencyIsoCode", "Currency Code", "Deal - Currency", "Amount Currency", "통화",
                     "通貨"],
        "created": ["Created", "Create Date", "Created Date", "CreatedDate", "Created Time", "Created on",
                    "Creation Date", "Date Created", "Deal created", "Deal - Deal created", "Add time",
                    "Deal - Add time", "engage_date", "Opened", "Open Date", "생성일", "등록일", "작성일",
                    "생성 일자", "등록 일자", "作成日", "登録日", "作成日時", "商談開始日", "起票日"],
        "expected_close": ["Expected close", "Expected close date", "Expected Closing", "Expected Closing Date",
                           "Deal - Expected close date", "Estimated close date", "Forecast close date",
                           "Expected Close Date", "예상 마감일", "예상 종료일", "마감 예정일", "예상 계약일",
                           "예상 수주일", "受注予定日", "完了予定日", "クローズ予定日", "成約予定日", "契約予定日"],
        "closed": ["Closed", "Closed Date", "Close Time", "Deal - Close time", "Date Closed", "Actual close date",
                   "Closed on", "Won Date", "마감일", "종료일", "계약일", "수주일", "성사일", "成約日", "受注日",
                   "完了日", "クローズ日", "契約日"],
        "product": ["Product", "Product line", "Product category", "Category", "Product Name", "Products", "product", "Item", "제품", "상품", "제품명", "製品",
                    "商品", "製品名", "商品名"],
        "deal_type": ["Deal type", "Type", "Opportunity Type", "Deal - Type", "Business Type", "거래 유형",
                      "유형", "商談タイプ", "種別", "案件種別", "取引種別"],
        "forecast_category": ["Forecast category", "ForecastCategoryName", "Forecast Category Name",
                              "ForecastCategory", "예측 범주", "예측 분류", "予測カテゴリ", "フォーキャスト",
                              "売上予測区分"],
        "cancelled": ["Cancelled", "Canceled", "Cancelled on", "Cancellation date", "Refund date", "취소일",
                      "환불일", "キャンセル日", "解約日"],
        # derived source columns (DERIVED)
        "close_date": ["Close Date", "CloseDate", "close_date", "Closing Date", "Close", "Deal - Close date",
                       "Expected Close Date/Closed Date", "마감 날짜", "クローズ"],
        "probability": ["Probability", "Probability (%)", "Deal probability", "Win probability", "확률",
                        "성공 확률", "수주 확률", "確度", "確率", "受注確度"],
        "status": ["Status", "Deal - Status", "Deal status", "상태", "状態"],
        "is_won": ["IsWon", "Is Won"],
        "is_closed": ["IsClosed", "Closed?", "Is Closed"],
        "won_time": ["Won time", "Deal - Won time", "Won on", "수주 시각", "受注日時"],
        "lost_time": ["Lost time", "Deal - Lost time", "Lost on", "Lost Date", "실주일", "失注日"],
        # order logs (mapping.ORDER_DATE: created and closed; the rest mapping.DERIVED)
        "order_date": ["Order Date", "Date", "Invoice Date", "Sale Date", "Sales Date", "Transaction Date",
                       "Purchase Date", "주문일", "주문 일자", "주문 날짜", "판매일", "판매 일자", "거래일", "注文日",
                       "売上日", "販売日", "計上日"],
        "order_status": ["Order Status", "Order state", "Shipping Status", "주문 상태", "注文ステータス",
                         "注文状況"],
        "returned": ["Returned", "Is Returned", "Return", "반품", "반품 여부", "返品", "返品済み"],
        "region": ["Region", "Territory", "Sales Region", "Sales Territory", "Area", "Country", "지역", "영업 지역",
                   "권역", "국가", "地域", "エリア", "テリトリー", "地区", "国"],
    },
    "Reps": {
        "id": ["Rep ID", "Employee ID", "User ID", "Owner ID", "Sales Rep ID", "Id", "ID", "사번", "직원 ID",
               "담당자 ID", "사원번호", "社員番号", "担当者ID", "社員ID", "従業員番号"],
        "name": ["Name", "Rep", "Rep name", "Sales Rep", "Sales agent", "sales_agent", "Salesperson", "Full Name",
                 "Person", "Regional Manager", "Sales Person",
                 "Employee", "User", "Owner", "이름", "성명", "담당자명", "담당자", "영업사원", "氏名", "名前",
                 "担当者名", "担当者", "社員名"],
        "team": ["Team", "Sales Team", "regional_office", "Regional office", "Region", "Office", "Department",
                 "Territory", "팀", "부서", "지역", "チーム", "部署", "部門", "地域"],
        "manager": ["Manager", "Sales Manager", "Reports to", "Supervisor", "관리자", "매니저", "상사", "팀장",
                    "マネージャー", "上長", "上司"],
        "role": ["Role", "Title", "Job title", "Position", "역할", "직책", "직급", "役割", "役職"],
        "start_date": ["Start date", "Hire date", "Hired", "Joined", "입사일", "시작일", "入社日", "開始日"],
        "end_date": ["End date", "Leave date", "Left", "Termination date", "퇴사일", "종료일", "退社日", "終了日"],
        "plan": ["Plan", "Comp plan", "Compensation plan", "보상 플랜", "플랜", "報酬プラン", "プラン"],
        "base_salary": ["Base salary", "Base", "Salary", "기본급", "연봉", "基本給", "年俸"],
    },
    "Teams": {
        "name": ["Team", "Team name", "Name", "팀", "팀명", "팀 이름", "チーム", "チーム名"],
        "manager": ["Manager", "Team manager", "Team lead", "Lead", "관리자", "매니저", "팀장", "マネージャー",
                    "リーダー"],
        "parent": ["Parent team", "Parent", "Rolls up to", "Part of", "상위 팀", "상위팀", "親チーム", "上位チーム"],
    },
    "Stages": {
        "stage": ["Stage", "Stage name", "Name", "단계", "단계명", "フェーズ", "ステージ", "段階"],
        "order": ["Order", "Sort order", "Position", "Sequence", "순서", "順序", "並び順", "表示順"],
        "probability": ["Probability", "Probability (%)", "Win probability", "확률", "성공 확률", "確度", "確率"],
        "kind": ["Kind", "Type", "Stage type", "Status", "종류", "구분", "種類", "区分"],
        "exit_criteria": ["Exit criteria", "Criteria", "Definition", "완료 기준", "이행 조건", "종료 기준",
                          "完了条件", "移行条件"],
    },
    "StageHistory": {
        "deal_id": ["Deal ID", "Deal", "Opportunity ID", "거래 ID", "案件ID"],
        "stage": ["Stage", "단계", "フェーズ", "ステージ"],
        "entered": ["Entered", "Date", "Changed on", "Entered on", "Stage date", "진입일", "변경일", "日付",
                    "変更日"],
        "expected_close": ["Expected close", "Expected close date", "예상 마감일", "受注予定日"],
    },
    "AmountHistory": {
        "deal_id": ["Deal ID", "Deal", "Opportunity ID", "거래 ID", "案件ID"],
        "changed": ["Changed on", "Changed", "Date", "변경일", "変更日"],
        "before": ["Amount before", "Old amount", "Previous amount", "변경 전 금액", "変更前の金額", "変更前金額"],
        "currency": ["Currency before", "Currency", "변경 전 통화", "통화", "変更前の通貨", "通貨"],
    },
    "Quotas": {
        "rep": ["Rep", "Rep ID", "Owner", "Sales Rep", "담당자", "担当者"],
        "team": ["Team", "팀", "チーム"],
        "period": ["Period", "Month", "Quarter", "Year", "기간", "월", "분기", "期間", "月", "四半期"],
        "amount": ["Quota", "Amount", "Target", "Goal", "목표", "할당", "목표 금액", "할당량", "금액", "目標", "ノルマ",
                   "予算", "目標金額", "金額"],
    },
    "Plans": {
        "plan": ["Plan", "Plan name", "Name", "플랜", "プラン"],
        "period": ["Period", "Measured per", "Measurement period", "기간", "期間"],
        "cap": ["Cap", "Commission cap", "상한", "上限"],
        "description": ["Description", "설명", "説明"],
    },
    "PlanTiers": {
        "plan": ["Plan", "플랜", "プラン"],
        "from": ["From", "From attainment", "Lower bound", "시작", "부터", "下限"],
        "to": ["To", "To attainment", "Upper bound", "끝", "까지", "上限"],
        "rate": ["Rate", "Commission rate", "요율", "率", "料率"],
        "method": ["Method", "방식", "方式"],
    },
    "PlanBonuses": {
        "plan": ["Plan", "플랜", "プラン"],
        "from": ["From", "At attainment", "Attainment", "달성률", "達成率"],
        "amount": ["Amount", "Bonus", "보너스", "금액", "ボーナス", "金額"],
        "description": ["Description", "설명", "説明"],
        "percent_of_base": ["Percent of base", "% of base salary", "% of base", "기본급 비율", "基本給比率"],
    },
    "PlanMultipliers": {
        "plan": ["Plan", "플랜", "プラン"],
        "product": ["Product", "제품", "상품", "製品", "商品"],
        "deal_type": ["Deal type", "Type", "거래 유형", "유형", "案件タイプ", "種別"],
        "multiplier": ["Multiplier", "Rate multiplier", "Factor", "배수", "승수", "倍率", "係数"],
        "description": ["Description", "설명", "説明"],
    },
    "Spiffs": {
        "plan": ["Plan", "플랜", "プラン"],
        "product": ["Product", "제품", "상품", "製品", "商品"],
        "deal_type": ["Deal type", "Type", "거래 유형", "유형", "案件タイプ", "種別"],
        "from": ["From", "Start", "Start date", "시작", "시작일", "開始", "開始日"],
        "to": ["To", "End", "End date", "종료", "종료일", "終了", "終了日"],
        "amount": ["Amount", "SPIFF", "Spiff", "Bonus", "금액", "스피프", "金額", "インセンティブ"],
        "description": ["Description", "설명", "説明"],
    },
    "PlanDraws": {
        "plan": ["Plan", "플랜", "プラン"],
        "amount": ["Amount", "Draw", "Draw per period", "드로우", "ドロー", "금액", "金額"],
        "recoverable": ["Recoverable", "회수 가능", "回収可能"],
        "target_incentive": ["Target incentive", "Target incentive (year)", "목표 인센티브", "目標インセンティブ"],
        "description": ["Description", "설명", "説明"],
    },
    "PlanAssignments": {
        "rep": ["Rep", "Rep ID", "담당자", "担当者"],
        "plan": ["Plan", "플랜", "プラン"],
        "from": ["From", "Start", "시작", "開始"],
        "to": ["To", "To (inclusive)", "End", "끝", "終了"],
    },
    "Splits": {
        "deal_id": ["Deal ID", "Deal", "Opportunity ID", "거래 ID", "案件ID"],
        "rep": ["Rep", "Owner", "Rep ID", "담당자", "担当者"],
        "share": ["Share", "Split", "Percent", "Split %", "비율", "배분", "割合", "配分"],
    },
    "Settings": {
        "key": ["Key", "Setting", "Name", "설정", "항목", "設定", "項目"],
        "value": ["Value", "값", "値"],
    },
}

# Sheet (or file) names that say which table a sheet is.
SHEET_ALIASES: dict[str, list[str]] = {
    "Deals": ["Deals", "Deal", "Opportunities", "Opportunity", "Pipeline", "sales_pipeline", "Sales pipeline",
              "Orders", "Sales orders", "Returns", "Returned orders", "주문", "주문 내역", "반품", "注文", "受注一覧",
              "返品",
              "거래", "딜", "영업기회", "파이프라인", "商談", "案件", "取引", "パイプライン"],
    "StageHistory": ["StageHistory", "Stage history", "Deal stage history", "OpportunityHistory", "단계 이력",
                     "ステージ履歴", "フェーズ履歴"],
    "AmountHistory": ["AmountHistory", "Amount history", "Amount changes", "금액 이력", "金額履歴"],
    "Reps": ["Reps", "Sales reps", "Salespeople", "Sales team", "sales_teams", "Users", "Owners", "Team", "People",
             "Staff", "Employees", "직원", "社員",
             "담당자", "영업사원", "영업팀", "担当者", "営業担当", "営業チーム"],
    "Teams": ["Teams", "Team list", "Sales teams list", "팀", "팀 목록", "チーム", "チーム一覧"],
    "Quotas": ["Quotas", "Quota", "Targets", "Goals", "목표", "할당량", "ノルマ", "目標", "予算"],
    "Plans": ["Plans", "Comp plans", "보상 플랜", "報酬プラン"],
    "PlanTiers": ["PlanTiers", "Plan tiers", "Tiers", "구간", "ティア"],
    "PlanBonuses": ["PlanBonuses", "Plan bonuses", "Bonuses", "보너스", "ボーナス"],
    "PlanMultipliers": ["PlanMultipliers", "Plan multipliers", "Multipliers", "Rate multipliers", "배수", "倍率"],
    "Spiffs": ["Spiffs", "SPIFFs", "SPIFF", "스피프", "インセンティブ"],
    "PlanDraws": ["PlanDraws", "Plan draws", "Draws", "드로우", "ドロー"],
    "PlanAssignments": ["PlanAssignments", "Plan assignments", "플랜 배정", "プラン割当"],
    "Splits": ["Splits", "Deal splits", "Opportunity splits", "분할", "分割"],
    "Stages": ["Stages", "Deal stages", "Pipeline stages", "단계", "ステージ", "フェーズ"],
    "Settings": ["Settings", "설정", "設定"],
    "Leads": ["Leads", "리드", "リード"],
    "LeadRules": ["LeadRules", "Lead scoring rules", "Lead scoring", "리드 스코어링 규칙", "リードスコアリングのルール"],
}

# Sheets that are no table, whatever their headers: what Planner's own export computes (its
# figures, charts and checks) and the usual notes. A mapping can still say otherwise.
NOT_TABLES = ("Summary", "Charts", "Dashboard", "AttainmentCharts", "Backtest", "Commissions", "Statements", "CommissionLines", "Attainment",
              "TeamAttainment", "Forecast", "PipelineStages", "PipelineByRep", "PipelineFunnel", "WonByMonth", "CreditLines", "Problems", "Info",
              "Read me", "README", "Notes", "안내", "설명", "説明", "注意事項")


WON_NAMES = (
    "Won", "Closed Won", "Closed/Won", "Close Won", "Win", "Deal Won", "Won Deal", "Closed - Won", "Signed",
    "Contract Signed", "成約", "受注", "受注済み", "受注確定", "成約済み", "受注済", "수주", "성사", "계약 성사",
    "계약완료", "계약 완료", "계약 체결", "수주 완료")
LOST_NAMES = (
    "Lost", "Closed Lost", "Closed/Lost", "Close Lost", "Lose", "Deal Lost", "Lost Deal", "Closed - Lost",
    "Dead", "Closed Dead", "失注", "失注確定", "失注済み", "見送り", "실주", "실패", "드롭", "거래 실패", "수주 실패")
# Typical probabilities of common open stage names (Salesforce, HubSpot and Pipedrive defaults,
# Maven, and the usual Korean and Japanese names): a starting ladder the user can change.
STAGE_LADDER_NAMES = (
    ("Lead", 5), ("Lead In", 5), ("New", 5), ("Prospecting", 10), ("Prospect", 10), ("Qualification", 10),
    ("Qualified", 20), ("Contact Made", 20), ("Appointment Scheduled", 20), ("Needs Analysis", 20),
    ("Engaging", 30), ("Discovery", 30), ("Qualified To Buy", 40), ("Demo Scheduled", 40),
    ("Value Proposition", 50), ("Id. Decision Makers", 60), ("Presentation Scheduled", 60),
    ("Proposal", 60), ("Proposal Made", 60), ("Perception Analysis", 70), ("Proposal/Price Quote", 75),
    ("Decision Maker Bought-In", 80), ("Negotiation", 80), ("Negotiations Started", 80),
    ("Negotiation/Review", 90), ("Contract Sent", 90), ("Commit", 90),
    ("리드", 5), ("잠재 고객", 10), ("발굴", 10), ("접촉", 20), ("미팅", 30), ("니즈 분석", 30), ("제안", 50),
    ("견적", 60), ("협상", 80), ("계약 진행", 90),
    ("リード", 5), ("見込み", 10), ("アプローチ", 20), ("ヒアリング", 30), ("提案", 50), ("見積", 60),
    ("見積提出", 60), ("交渉", 80), ("稟議", 90))


