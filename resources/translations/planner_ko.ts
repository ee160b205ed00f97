<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AttainmentPanel</name>
    <message>
        <source>Reps</source>
        <translation>영업 담당자</translation>
    </message>
    <message>
        <source>Pacing: projected end-of-period attainment at the current run rate</source>
        <translation>페이싱: 현재 속도로 예상한 기간 말 달성률</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>Rep quadrants</source>
        <translation>담당자 사분면</translation>
    </message>
    <message>
        <source>Rep quadrants, %1 (rising star: at quota and up on last quarter)</source>
        <translation>담당자 사분면, %1 (떠오르는 스타: 할당량 달성 및 전 분기 대비 상승)</translation>
    </message>
    <message>
        <source>No data for %1 yet: it begins after %2 (as of).</source>
        <translation>%1의 데이터가 아직 없습니다: 기준일 %2 이후에 시작됩니다.</translation>
    </message>
    <message>
        <source>%1 in progress: day %2 of %3 as of %4. Pacing is the attainment projected to the period&apos;s end at the current run rate.</source>
        <translation>%1 진행 중: %4 기준 %3일 중 %2일째. 페이싱은 현재 속도로 예상한 기간 말 달성률입니다.</translation>
    </message>
    <message>
        <source>%1 has ended (as of %2).</source>
        <translation>%1 종료됨 (%2 기준).</translation>
    </message>
    <message>
        <source>Reps at quota: %1 of %2 (%3)</source>
        <translation>할당량 달성 담당자: %2명 중 %1명 (%3)</translation>
    </message>
    <message>
        <source>Year to date: %1 of quota %2 (%3)</source>
        <translation>연초 대비 누계: 할당량 %2 중 %1 (%3)</translation>
    </message>
    <message>
        <source>The charts could not be drawn: %1</source>
        <translation>차트를 그릴 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>Deal</source>
        <translation>거래</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>단계 체류일</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>사유</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>Double-click a deal (or press Enter) to open it in Deals</source>
        <translation>거래를 두 번 클릭하거나 Enter를 누르면 거래 시트에서 엽니다</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>주의 필요 (%1)</translation>
    </message>
</context>
<context>
    <name>BacktestPanel</name>
    <message>
        <source>Made on the period&apos;s first day</source>
        <translation>기간 첫날에 작성</translation>
    </message>
    <message>
        <source>Made one period before</source>
        <translation>한 기간 전에 작성</translation>
    </message>
    <message>
        <source>Run backtest</source>
        <translation>백테스트 실행</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>To</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>Forecasts</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Bias above 0: the method forecast too much; below 0: too little</source>
        <translation>편향이 0보다 크면 과다 예측, 0보다 작으면 과소 예측</translation>
    </message>
    <message>
        <source>By method, the most accurate first</source>
        <translation>방식별 (정확도 높은 순)</translation>
    </message>
    <message>
        <source>Apply observed rates</source>
        <translation>실제 수주율 적용</translation>
    </message>
    <message>
        <source>Set each open stage&apos;s probability to its observed win rate (one undo step)</source>
        <translation>진행 중인 각 단계의 확률을 실제 수주율로 설정합니다 (한 번에 실행 취소 가능)</translation>
    </message>
    <message>
        <source>Stage calibration: won ÷ decided of the deals that reached each stage, with its 95% interval</source>
        <translation>단계 보정: 각 단계에 도달한 거래의 수주 ÷ 결정 (95% 구간 포함)</translation>
    </message>
    <message>
        <source>Replaying every method at each period from %1 to %2…</source>
        <translation>%1부터 %2까지 각 기간에 모든 방식을 재현하는 중…</translation>
    </message>
    <message>
        <source>%1 to %2: %3 periods, deals as they stood on each day, at that day&apos;s amounts</source>
        <translation>%1 ~ %2: %3개 기간, 각 날짜의 거래 상태와 그날의 금액 기준</translation>
    </message>
    <message>
        <source>Nothing was won in these periods: no method can be judged.</source>
        <translation>이 기간에는 수주가 없습니다: 어떤 방식도 평가할 수 없습니다.</translation>
    </message>
    <message>
        <source>The chart could not be drawn: %1</source>
        <translation>차트를 그릴 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Every stage already has its observed win rate: nothing to change</source>
        <translation>모든 단계가 이미 실제 수주율입니다: 바꿀 것이 없습니다</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>Set these stages&apos; probabilities to their observed win rates?</source>
        <translation>다음 단계의 확률을 실제 수주율로 설정할까요?</translation>
    </message>
    <message>
        <source>Set observed win rates</source>
        <translation>실제 수주율 설정</translation>
    </message>
    <message>
        <source>Set the probability of %1 stage(s): Undo takes them back</source>
        <translation>%1개 단계의 확률을 설정했습니다: 실행 취소로 되돌릴 수 있습니다</translation>
    </message>
</context>
<context>
    <name>BookFiles</name>
    <message>
        <source>&amp;New book</source>
        <translation>새 북(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo book</source>
        <translation>데모 북 열기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>Preparing the demo book…</source>
        <translation>데모 북을 준비하는 중…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 여는 중…</translation>
    </message>
    <message>
        <source>Opened read-only: %1</source>
        <translation>읽기 전용으로 열었습니다: %1</translation>
    </message>
    <message>
        <source>Book in use</source>
        <translation>사용 중인 북</translation>
    </message>
    <message>
        <source>Open it read-only, or edit it anyway? If you both change the same rows, the later save is refused and nothing is lost.</source>
        <translation>읽기 전용으로 열까요, 아니면 그래도 편집할까요? 양쪽에서 같은 행을 변경하면 나중에 저장하는 쪽의 저장이 거부되므로 변경 내용이 사라지지 않습니다.</translation>
    </message>
    <message>
        <source>Open &amp;read-only</source>
        <translation>읽기 전용으로 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit anyway</source>
        <translation>그래도 편집(&amp;E)</translation>
    </message>
    <message>
        <source>Books and spreadsheets to import (*%1 *.xlsx *.csv)</source>
        <translation>북과 가져올 스프레드시트 (*%1 *.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Open book</source>
        <translation>북 열기</translation>
    </message>
    <message>
        <source>Could not open the book</source>
        <translation>북을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>Save book as</source>
        <translation>다른 이름으로 북 저장</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 저장하는 중…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 저장됨</translation>
    </message>
    <message>
        <source>Could not save the book</source>
        <translation>북을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 내용</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1에 저장하지 않은 변경 내용이 있습니다. 저장할까요?</translation>
    </message>
    <message>
        <source>Could not restore</source>
        <translation>복원할 수 없습니다</translation>
    </message>
    <message>
        <source>Restored unsaved changes of %1: save them with Save As</source>
        <translation>%1의 저장하지 않은 변경 내용을 복원했습니다. [다른 이름으로 저장]으로 저장하세요</translation>
    </message>
    <message numerus="yes">
        <source>(%n more copy(ies) of unsaved changes kept for the next start)</source>
        <translation>
            <numerusform>(저장하지 않은 변경 사항 사본 %n개는 다음 시작 때 제안됩니다)</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>저장하지 않은 변경 내용을 복원할까요?</translation>
    </message>
    <message>
        <source>Planner closed without saving changes to %1 (last kept %2). Restore them?</source>
        <translation>Planner가 %1의 변경 내용을 저장하지 않은 채 종료되었습니다 (마지막 자동 저장: %2). 복원할까요?</translation>
    </message>
    <message>
        <source>Planner books (*%1);;All files (*)</source>
        <translation>Planner 북 (*%1);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>No recent books</source>
        <translation>최근 북 없음</translation>
    </message>
    <message>
        <source>Demo book</source>
        <translation>데모 북</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1 (읽기 전용)</translation>
    </message>
</context>
<context>
    <name>BookTableModel</name>
    <message>
        <source>New row (%1)</source>
        <translation>새 행 (%1)</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 편집</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Every cell is read and checked. Nothing changes until you finish.</source>
        <translation>모든 셀을 읽고 확인합니다. 마침을 누르기 전에는 아무것도 바뀌지 않습니다.</translation>
    </message>
    <message>
        <source>S&amp;top reading</source>
        <translation>읽기 중지(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Read again</source>
        <translation>다시 읽기(&amp;R)</translation>
    </message>
    <message>
        <source>Sa&amp;ve mapping…</source>
        <translation>매핑 저장(&amp;V)…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>시트</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>변경 없음</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행 수</translation>
    </message>
    <message>
        <source>Made by the import</source>
        <translation>가져오기가 만든 행</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>After</source>
        <translation>이후</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Stage name in the files</source>
        <translation>파일의 단계 이름</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>변환</translation>
    </message>
    <message>
        <source>Stage names that are not stages yet</source>
        <translation>아직 단계가 아닌 단계 이름</translation>
    </message>
    <message>
        <source>Owner in the files</source>
        <translation>파일의 담당자</translation>
    </message>
    <message>
        <source>Owners that are not reps of the book</source>
        <translation>북의 담당자가 아닌 담당자</translation>
    </message>
    <message>
        <source>First changed rows</source>
        <translation>처음 변경되는 행</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>참고</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 읽는 중…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>중지하는 중…</translation>
    </message>
    <message>
        <source>Reading stopped: nothing was imported.</source>
        <translation>읽기를 중지했습니다. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <source>Nothing can be imported: %1</source>
        <translation>가져올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Nothing will be imported: %1 problem(s). Fix them in the files (or change the mapping) and read again.</source>
        <translation>문제 %1개 때문에 아무것도 가져오지 않습니다. 파일을 고치거나 매핑을 바꾼 뒤 다시 읽으세요.</translation>
    </message>
    <message>
        <source>The first %1 are listed.</source>
        <translation>처음 %1개를 표시합니다.</translation>
    </message>
    <message>
        <source>Ready: %1 deals. Finish opens them as a new, unsaved book.</source>
        <translation>준비됨: 거래 %1건. 마침을 누르면 저장되지 않은 새 북으로 엽니다.</translation>
    </message>
    <message numerus="yes">
        <source>Ready: %Ln row(s) will be added and %1 changed, as one step you can undo.</source>
        <translation>
            <numerusform>준비됨: %Ln행이 추가되고 %1행이 변경됩니다. 한 번에 실행 취소할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The book already holds everything in these files: nothing will change.</source>
        <translation>이 파일의 내용은 모두 북에 이미 있습니다. 바뀌는 것이 없습니다.</translation>
    </message>
    <message>
        <source>New columns: %1</source>
        <translation>새 열: %1</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>A new stage (%1)</source>
        <translation>새 단계 (%1)</translation>
    </message>
    <message>
        <source>The new stage %1</source>
        <translation>새 단계 %1</translation>
    </message>
    <message>
        <source>The stage %1</source>
        <translation>단계 %1</translation>
    </message>
    <message>
        <source>Mapping saved to %1</source>
        <translation>매핑을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>(담당자 없음)</translation>
    </message>
    <message>
        <source>A new rep %1</source>
        <translation>새 담당자 %1</translation>
    </message>
    <message>
        <source>The rep %1</source>
        <translation>담당자 %1</translation>
    </message>
    <message>
        <source>Imported %1 deals: save the new book with Save As</source>
        <translation>거래 %1건을 가져왔습니다. 새 북을 다른 이름으로 저장하세요</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 가져오기</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1을(를) 가져왔습니다</translation>
    </message>
</context>
<context>
    <name>ClosePeriodBar</name>
    <message>
        <source>&amp;Close period…</source>
        <translation>기간 마감(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Reopen period…</source>
        <translation>기간 다시 열기(&amp;R)…</translation>
    </message>
    <message>
        <source>Co&amp;mmissions</source>
        <translation>커미션(&amp;M)</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>마감됨: %1</translation>
    </message>
    <message>
        <source>%1 (revision %2, %3 by %4)</source>
        <translation>%1 (개정 %2, %3, %4)</translation>
    </message>
    <message>
        <source>No closed period in %1</source>
        <translation>%1에 마감된 기간 없음</translation>
    </message>
    <message>
        <source>Closed with %1: these figures are the ledger&apos;s</source>
        <translation>%1 마감분: 원장에 기록된 수치입니다</translation>
    </message>
    <message>
        <source>Reopen %1</source>
        <translation>%1 다시 열기</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>%1 마감</translation>
    </message>
    <message>
        <source>%1 reopened</source>
        <translation>%1 다시 열림</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 마감됨</translation>
    </message>
</context>
<context>
    <name>ClosePeriodDialog</name>
    <message>
        <source>Reopen %1</source>
        <translation>%1 다시 열기</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>%1 마감</translation>
    </message>
    <message>
        <source>Reopen period</source>
        <translation>기간 다시 열기</translation>
    </message>
    <message>
        <source>Close period</source>
        <translation>기간 마감</translation>
    </message>
    <message>
        <source>Closing %1 freezes its commission statements in the book: %2 lines, %3 in all. Afterwards the book refuses any change that would alter them; what later edits change shows as adjustments in the next open period. Reopening is possible, and recorded.</source>
        <translation>%1을(를) 마감하면 커미션 명세서가 장부에 고정됩니다: %2줄, 합계 %3. 이후 이를 바꾸는 변경은 거부되며, 나중의 수정으로 달라지는 금액은 다음 열린 기간에 조정 항목으로 표시됩니다. 다시 열 수 있으며, 그 기록이 남습니다.</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Plan period</source>
        <translation>플랜 기간</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>줄 수</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Reopening %1 makes its statements follow the book again. The ledger keeps the lines written when it was closed.</source>
        <translation>%1을(를) 다시 열면 명세서가 다시 장부에 따라 계산됩니다. 마감 때 기록한 줄은 원장에 그대로 남습니다.</translation>
    </message>
    <message>
        <source>These lines would change:</source>
        <translation>다음 줄이 바뀝니다:</translation>
    </message>
    <message>
        <source>No line would change.</source>
        <translation>바뀌는 줄이 없습니다.</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>거래</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>현재</translation>
    </message>
</context>
<context>
    <name>CommissionsPanel</name>
    <message>
        <source>Commission per rep and plan period</source>
        <translation>담당자·정산 기간별 커미션</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>명세서</translation>
    </message>
    <message>
        <source>(select a payout above to see its lines: a line per deal and tier, lifts, cap, bonuses and clawbacks)</source>
        <translation>(위에서 지급 건을 선택하면 내역이 나옵니다: 거래·구간별 항목, 소급 인상, 상한, 보너스, 환수)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Statement of %1, %2 (plan %3): %4</source>
        <translation>%1 명세서, %2 (플랜 %3): %4</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>No report yet</source>
        <translation>아직 보고서가 없습니다</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG로 내보내기…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image</source>
        <translation>이 차트를 PNG 이미지로 저장</translation>
    </message>
    <message>
        <source>No report to chart</source>
        <translation>차트로 표시할 보고서가 없습니다</translation>
    </message>
    <message>
        <source>Period %1 · as of %2 · amounts in %3</source>
        <translation>기간 %1 · %2 기준 · 금액 단위: %3</translation>
    </message>
    <message>
        <source>The charts could not be drawn: %1</source>
        <translation>차트를 그릴 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Export “%1” as PNG</source>
        <translation>“%1”을(를) PNG로 내보내기</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG 내보내기</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1을(를) 저장할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
</context>
<context>
    <name>DealHealth</name>
    <message>
        <source>Stalled</source>
        <translation>정체</translation>
    </message>
    <message>
        <source>Slipped</source>
        <translation>지연</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>둘 다</translation>
    </message>
    <message>
        <source>Stalled: %1 days in %2 (won deals average %3)</source>
        <translation>정체: %2 단계에서 %1일 (수주 거래 평균 %3일)</translation>
    </message>
    <message>
        <source>Slipped: expected close moved later %1 times</source>
        <translation>지연: 예상 종료일이 %1번 늦춰짐</translation>
    </message>
    <message>
        <source>Overdue: expected close is past</source>
        <translation>기한 초과: 예상 종료일이 지남</translation>
    </message>
    <message>
        <source>Overdue: expected close %1 is past</source>
        <translation>기한 초과: 예상 종료일 %1이(가) 지남</translation>
    </message>
</context>
<context>
    <name>EditMenu</name>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;lear cells</source>
        <translation>셀 내용 지우기(&amp;L)</translation>
    </message>
    <message>
        <source>Fill &amp;down</source>
        <translation>아래로 채우기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Insert rows above</source>
        <translation>위에 행 삽입(&amp;I)</translation>
    </message>
    <message>
        <source>Insert rows &amp;below</source>
        <translation>아래에 행 삽입(&amp;B)</translation>
    </message>
    <message>
        <source>Delete ro&amp;ws</source>
        <translation>행 삭제(&amp;W)</translation>
    </message>
    <message>
        <source>Clear filter&amp;s</source>
        <translation>필터 해제(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>Duplicate r&amp;ows</source>
        <translation>행 복제(&amp;O)</translation>
    </message>
    <message>
        <source>Confirm e&amp;xit criteria when moving deals forward</source>
        <translation>거래를 다음 단계로 옮길 때 기준 확인(&amp;X)</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>실행 취소 기록</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;북을 연 상태&gt;</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Undo history</source>
        <translation>실행 취소 기록(&amp;U)</translation>
    </message>
</context>
<context>
    <name>ExcelMenu</name>
    <message>
        <source>&amp;Import Excel or CSV as a new book…</source>
        <translation>Excel 또는 CSV를 새 북으로 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Excel or CSV &amp;into this book…</source>
        <translation>Excel 또는 CSV를 이 북으로 가져오기(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>Excel로 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Export statements as &amp;PDF…</source>
        <translation>명세서를 PDF로 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>스프레드시트 (*.xlsx *.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Excel로 내보내기</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 통합 문서 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export statements as PDF</source>
        <translation>명세서를 PDF로 내보내기</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Planner export</source>
        <translation>Planner 내보내기</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 내보내는 중…</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 내보냄</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Statements %1</source>
        <translation>명세서 %1</translation>
    </message>
    <message>
        <source>Writing statements to %1…</source>
        <translation>%1에 명세서 쓰는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1 (%n page(s))</source>
        <translation>
            <numerusform>%1 저장함 (%n쪽)</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export the statements</source>
        <translation>명세서를 내보낼 수 없습니다</translation>
    </message>
</context>
<context>
    <name>ExitCriteriaDialog</name>
    <message>
        <source>Exit criteria of %1</source>
        <translation>%1 단계의 다음 단계 기준</translation>
    </message>
    <message>
        <source>Before %1 moves from %2 to %3, confirm each exit criterion of %2:</source>
        <translation>%1을(를) %2에서 %3(으)로 옮기기 전에 %2 단계의 기준을 하나씩 확인하세요:</translation>
    </message>
    <message>
        <source>Before %1 moves from %2 to %3, confirm each exit criterion of the stages it leaves and skips:</source>
        <translation>%1을(를) %2에서 %3(으)로 옮기기 전에, 떠나는 단계와 건너뛰는 단계의 종료 기준을 각각 확인하세요:</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>다시 묻지 않기</translation>
    </message>
    <message>
        <source>Turn it back on in Edit → Confirm exit criteria when moving deals forward</source>
        <translation>편집 → 거래를 다음 단계로 옮길 때 기준 확인에서 다시 켤 수 있습니다</translation>
    </message>
    <message>
        <source>Move deal</source>
        <translation>거래 옮기기</translation>
    </message>
    <message>
        <source>Tick every criterion to move the deal</source>
        <translation>모든 기준을 확인해야 거래를 옮길 수 있습니다</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Excel workbooks (.xlsx) and CSV files. Every sheet is checked on the next page.</source>
        <translation>Excel 통합 문서(.xlsx)와 CSV 파일. 다음 페이지에서 모든 시트를 확인합니다.</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>파일 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>제거(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Load saved mapping…</source>
        <translation>저장된 매핑 불러오기(&amp;L)…</translation>
    </message>
    <message>
        <source>Mapping: guessed from the headers</source>
        <translation>매핑: 헤더로 추측</translation>
    </message>
    <message>
        <source>Mapping: %1</source>
        <translation>매핑: %1</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this sheet</source>
        <translation>이 시트에서 찾기</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>닫기 (Esc)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>찾기:</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
</context>
<context>
    <name>ForecastPanel</name>
    <message>
        <source>Type the manager&apos;s number; the computed one stays beside it. Clear the cell to remove the override.</source>
        <translation>관리자의 수치를 입력하세요. 계산된 수치는 옆에 그대로 남습니다. 셀을 비우면 조정이 삭제됩니다.</translation>
    </message>
    <message>
        <source>Forecast for the period</source>
        <translation>기간 예측</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>단계 가중</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>커밋</translation>
    </message>
    <message>
        <source>Best case</source>
        <translation>최선의 경우</translation>
    </message>
    <message>
        <source>Won + all open deals expected</source>
        <translation>수주 + 예상되는 모든 진행 중 거래</translation>
    </message>
    <message>
        <source>Historical</source>
        <translation>과거 실적 기반</translation>
    </message>
    <message>
        <source>Sales-cycle length</source>
        <translation>영업 주기 기반</translation>
    </message>
    <message>
        <source>Commit with overrides</source>
        <translation>조정 반영 커밋</translation>
    </message>
    <message>
        <source>Best case with overrides</source>
        <translation>조정 반영 최선의 경우</translation>
    </message>
    <message>
        <source>Overdue, not in this forecast</source>
        <translation>기한 경과, 이 예측에서 제외</translation>
    </message>
    <message>
        <source>Save forecast snapshot</source>
        <translation>예측 스냅샷 저장</translation>
    </message>
    <message>
        <source>Save today&apos;s forecast of the period by every method, to see later which method was right</source>
        <translation>이 기간의 오늘 예측을 모든 방식별로 저장하여, 나중에 어느 방식이 맞았는지 확인합니다</translation>
    </message>
    <message>
        <source>Accuracy per closed period and method (1 − |forecast − actual| ÷ actual; the best method of each period is highlighted)</source>
        <translation>마감된 기간·방식별 정확도 (1 − |예측 − 실적| ÷ 실적, 기간마다 가장 정확한 방식을 강조)</translation>
    </message>
    <message>
        <source>By method, on average</source>
        <translation>방식별 평균</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>백테스트</translation>
    </message>
    <message>
        <source>Category forecast by rep: type a manager&apos;s override beside the computed number</source>
        <translation>담당자별 카테고리 예측: 계산된 수치 옆에 관리자 조정값을 입력하세요</translation>
    </message>
    <message>
        <source>Forecast for %1 (as of %2)</source>
        <translation>%1 예측 (%2 기준)</translation>
    </message>
    <message>
        <source>Override a forecast</source>
        <translation>예측 조정</translation>
    </message>
    <message>
        <source>Saved the forecast of %1 as of %2: it is judged once the period has ended</source>
        <translation>%2 기준 %1 예측을 저장했습니다. 기간이 끝나면 정확도가 평가됩니다</translation>
    </message>
</context>
<context>
    <name>FrameTableModel</name>
    <message>
        <source>Before the last change: %1</source>
        <translation>마지막 변경 전: %1</translation>
    </message>
</context>
<context>
    <name>HealthBar</name>
    <message>
        <source>Stalled: longer in its stage than 1.5 × the won deals&apos; average. Slipped: expected close moved later twice or more, or past.</source>
        <translation>정체: 현재 단계에 머문 기간이 수주 거래 평균의 1.5배를 넘음. 지연: 예상 종료일이 두 번 이상 늦춰졌거나 이미 지남.</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>표시:</translation>
    </message>
    <message>
        <source>All deals</source>
        <translation>모든 거래</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>주의 필요 (%1)</translation>
    </message>
    <message>
        <source>Stalled (%1)</source>
        <translation>정체 (%1)</translation>
    </message>
    <message>
        <source>Slipped (%1)</source>
        <translation>지연 (%1)</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>Amount history: a deal&apos;s amount before each change, kept when an amount or currency is edited, so that figures as of a past day use the amount of then</source>
        <translation>금액 이력: 금액이나 통화를 고칠 때마다 바뀌기 전 금액을 남겨, 과거 날짜 기준 수치가 그때의 금액을 쓰게 합니다</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import into this book</source>
        <translation>이 북으로 가져오기</translation>
    </message>
    <message>
        <source>Import as a new book</source>
        <translation>새 북으로 가져오기</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Open the new book</source>
        <translation>새 북 열기</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>파일 추가</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>스프레드시트 (*.xlsx *.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Load a saved mapping</source>
        <translation>저장된 매핑 불러오기</translation>
    </message>
    <message>
        <source>Import mappings (*.json);;All files (*)</source>
        <translation>가져오기 매핑 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save the mapping</source>
        <translation>매핑 저장</translation>
    </message>
    <message>
        <source>mapping</source>
        <translation>매핑</translation>
    </message>
    <message>
        <source>Import mappings (*.json)</source>
        <translation>가져오기 매핑 (*.json)</translation>
    </message>
</context>
<context>
    <name>LeadsPanel</name>
    <message>
        <source>Leads scoring this many points or more are sales-qualified (the lead_threshold setting)</source>
        <translation>이 점수 이상인 리드는 영업 적격 리드입니다 (lead_threshold 설정)</translation>
    </message>
    <message>
        <source>Convert to deals</source>
        <translation>거래로 전환</translation>
    </message>
    <message>
        <source>Make an open deal of each qualified lead selected, owned by the lead&apos;s owner, in the first open stage</source>
        <translation>선택한 영업 적격 리드마다 리드 담당자가 맡는 진행 중 거래를 첫 번째 진행 단계에 만듭니다</translation>
    </message>
    <message>
        <source>Qualified at</source>
        <translation>영업 적격 기준</translation>
    </message>
    <message>
        <source>points or more</source>
        <translation>포인트 이상</translation>
    </message>
    <message>
        <source>Scores, best first</source>
        <translation>점수 (높은 순)</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>리드</translation>
    </message>
    <message>
        <source>Scoring rules: points per signal</source>
        <translation>스코어링 규칙: 신호별 포인트</translation>
    </message>
    <message>
        <source>%1 of %2 leads qualified · %3 converted to deals</source>
        <translation>리드 %2개 중 %1개 영업 적격 · %3개 거래로 전환됨</translation>
    </message>
    <message>
        <source>Select the qualified leads to convert, in the scores or on the Leads sheet.</source>
        <translation>전환할 영업 적격 리드를 점수 목록이나 리드 시트에서 선택하세요.</translation>
    </message>
    <message numerus="yes">
        <source>Convert %n lead(s) to deals</source>
        <translation>
            <numerusform>리드 %n개를 거래로 전환</numerusform>
        </translation>
    </message>
    <message>
        <source>Not converted</source>
        <translation>전환하지 않음</translation>
    </message>
    <message>
        <source>New deals: %1</source>
        <translation>새 거래: %1</translation>
    </message>
    <message>
        <source>Set the lead threshold to %1</source>
        <translation>리드 기준점을 %1(으)로 설정</translation>
    </message>
    <message>
        <source>Lead threshold</source>
        <translation>리드 기준점</translation>
    </message>
</context>
<context>
    <name>LeftOutNote</name>
    <message>
        <source>Show the problems</source>
        <translation>문제 보기</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Period of the results: month, quarter or year</source>
        <translation>결과 기간: 월, 분기 또는 연도</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>파이프라인</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>달성률</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>커미션</translation>
    </message>
    <message>
        <source>Quota planner</source>
        <translation>할당량 계획</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>기간:</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>계산하는 중…</translation>
    </message>
    <message>
        <source>%1 deals · %2 open worth %3 (weighted %4) · %5: won %6, commissions %7</source>
        <translation>거래 %1건 · 진행 중 %2건, %3 (가중 %4) · %5: 수주 %6, 커미션 %7</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Close date (expected while open, actual once closed)</source>
        <translation>마감일 (진행 중이면 예상, 종료되면 실제)</translation>
    </message>
    <message>
        <source>Stage probability</source>
        <translation>단계 확률</translation>
    </message>
    <message>
        <source>Status (open, won or lost)</source>
        <translation>상태 (진행, 수주, 실주)</translation>
    </message>
    <message>
        <source>Won? (TRUE or FALSE)</source>
        <translation>수주 여부 (TRUE 또는 FALSE)</translation>
    </message>
    <message>
        <source>Closed? (TRUE or FALSE)</source>
        <translation>종료 여부 (TRUE 또는 FALSE)</translation>
    </message>
    <message>
        <source>Won on</source>
        <translation>수주일</translation>
    </message>
    <message>
        <source>Lost on</source>
        <translation>실주일</translation>
    </message>
    <message>
        <source>Order status (cancelled, returned or disputed: not won)</source>
        <translation>주문 상태 (취소·반품·분쟁이면 수주 아님)</translation>
    </message>
    <message>
        <source>Returned? (TRUE or Yes: not won)</source>
        <translation>반품 여부 (TRUE 또는 Yes이면 수주 아님)</translation>
    </message>
    <message>
        <source>Region (the order&apos;s rep: the rep of that team)</source>
        <translation>지역 (주문 담당자: 그 팀의 담당자)</translation>
    </message>
    <message>
        <source>Tell from the file</source>
        <translation>파일에서 판단</translation>
    </message>
    <message>
        <source>Month first (03/05 is 5 March)</source>
        <translation>월 먼저 (03/05는 3월 5일)</translation>
    </message>
    <message>
        <source>Day first (03/05 is 3 May)</source>
        <translation>일 먼저 (03/05는 5월 3일)</translation>
    </message>
    <message>
        <source>Keep as my own column</source>
        <translation>내 열로 유지</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>가져오지 않음</translation>
    </message>
    <message>
        <source>Sheets and columns</source>
        <translation>시트와 열</translation>
    </message>
    <message>
        <source>Check where each sheet goes and which column each header fills. The preview shows the first rows as they will be read.</source>
        <translation>각 시트가 들어갈 표와 각 헤더가 채울 열을 확인하세요. 미리 보기는 읽힐 첫 행들을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Skip: do not import this sheet</source>
        <translation>건너뛰기: 이 시트를 가져오지 않음</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>시트(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Goes to:</source>
        <translation>대상(&amp;G):</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>파일의 헤더</translation>
    </message>
    <message>
        <source>Book column</source>
        <translation>북의 열</translation>
    </message>
    <message>
        <source>and also</source>
        <translation>추가로 채울 열</translation>
    </message>
    <message>
        <source>Sa&amp;ve mapping…</source>
        <translation>매핑 저장(&amp;V)…</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>통화(&amp;U):</translation>
    </message>
    <message>
        <source>Dates such as 03/05/2026:</source>
        <translation>03/05/2026 같은 날짜:</translation>
    </message>
    <message>
        <source>Reading the headers of %1…</source>
        <translation>%1의 헤더를 읽는 중…</translation>
    </message>
    <message>
        <source>%1 (%2 rows)</source>
        <translation>%1 (%2행)</translation>
    </message>
    <message>
        <source>Using the mapping %1</source>
        <translation>매핑 %1 사용 중</translation>
    </message>
    <message>
        <source>Using the mapping you chose last time for these files</source>
        <translation>지난번 이 파일들에 쓴 매핑을 사용 중</translation>
    </message>
    <message>
        <source>Headers in row %1; %2 rows of data</source>
        <translation>헤더는 %1행, 데이터 %2행</translation>
    </message>
    <message>
        <source>a sheet Excel hides: left out unless you choose a table for it</source>
        <translation>Excel에서 숨긴 시트: 표를 선택하지 않으면 제외됩니다</translation>
    </message>
    <message>
        <source>Read as an order log: each order is a won deal, created and closed on its date (the rows of one order are one deal)</source>
        <translation>주문 내역으로 읽습니다: 주문마다 수주 거래 하나이며, 주문일이 생성일이자 종료일입니다 (한 주문의 여러 행은 거래 하나)</translation>
    </message>
    <message>
        <source>(sheet skipped)</source>
        <translation>(시트 건너뜀)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No rows of data in %1: there is nothing to import. Go back and choose a file with rows under its headers.</source>
        <translation>%1에 데이터 행이 없습니다. 가져올 것이 없습니다. 뒤로 가서 머리글 아래에 행이 있는 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>No sheet of %1 has the headers of a table of the book, such as %2. Choose a table in “Goes to” and, below, the book column each header fills (Save mapping keeps the choice for next time, and for planner import --mapping).</source>
        <translation>%1에는 북의 표 머리글을 가진 시트가 없습니다. 예: %2. “대상”에서 표를 고르고, 아래에서 머리글마다 채울 북의 열을 고르세요 (매핑 저장으로 다음 가져오기와 planner import --mapping에 쓸 수 있습니다).</translation>
    </message>
    <message>
        <source>Every sheet is skipped: choose a table in “Goes to” for at least one.</source>
        <translation>모든 시트를 건너뜁니다. 적어도 한 시트는 “대상”에서 표를 선택하세요.</translation>
    </message>
    <message>
        <source>Mapping saved to %1</source>
        <translation>매핑을 %1에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>PipelinePanel</name>
    <message>
        <source>Pipeline</source>
        <translation>파이프라인</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>진행 중 거래</translation>
    </message>
    <message>
        <source>Open pipeline value</source>
        <translation>진행 중 파이프라인 금액</translation>
    </message>
    <message>
        <source>Weighted pipeline</source>
        <translation>가중 파이프라인</translation>
    </message>
    <message>
        <source>In the period</source>
        <translation>기간 중</translation>
    </message>
    <message>
        <source>Pipeline velocity (per day)</source>
        <translation>파이프라인 속도 (일당)</translation>
    </message>
    <message>
        <source>Deals created</source>
        <translation>생성된 거래</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>수주</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>실주</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>수주율</translation>
    </message>
    <message>
        <source>Average won deal</source>
        <translation>평균 수주 금액</translation>
    </message>
    <message>
        <source>Average sales cycle</source>
        <translation>평균 영업 주기</translation>
    </message>
    <message>
        <source>Conversion of deals created</source>
        <translation>생성된 거래의 전환율</translation>
    </message>
    <message>
        <source>Coverage of quota remaining</source>
        <translation>남은 할당량 대비 커버리지</translation>
    </message>
    <message>
        <source>Forecast for the period</source>
        <translation>기간 예측</translation>
    </message>
    <message>
        <source>Won so far</source>
        <translation>현재까지 수주</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>단계 가중</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>커밋</translation>
    </message>
    <message>
        <source>Best case</source>
        <translation>최선의 경우</translation>
    </message>
    <message>
        <source>Won + all open deals expected</source>
        <translation>수주 + 예상되는 모든 진행 중 거래</translation>
    </message>
    <message>
        <source>Open deals by stage</source>
        <translation>단계별 진행 중 거래</translation>
    </message>
    <message>
        <source>Stage conversion</source>
        <translation>단계 전환율</translation>
    </message>
    <message>
        <source>By rep</source>
        <translation>담당자별</translation>
    </message>
    <message>
        <source>By team</source>
        <translation>팀별</translation>
    </message>
    <message>
        <source>Pipeline as of %1</source>
        <translation>파이프라인 (%1 기준)</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1일</translation>
    </message>
</context>
<context>
    <name>PlansPanel</name>
    <message>
        <source>Tiers of %1</source>
        <translation>%1의 구간</translation>
    </message>
    <message>
        <source>Tiers (choose a plan on the left)</source>
        <translation>구간 (왼쪽에서 플랜을 고르세요)</translation>
    </message>
    <message>
        <source>Bonuses of %1</source>
        <translation>%1의 보너스</translation>
    </message>
    <message>
        <source>Bonuses (choose a plan on the left)</source>
        <translation>보너스 (왼쪽에서 플랜을 고르세요)</translation>
    </message>
    <message>
        <source>Rate multipliers of %1 (by product and deal type)</source>
        <translation>%1의 요율 배수(제품·거래 유형별)</translation>
    </message>
    <message>
        <source>Rate multipliers (choose a plan on the left)</source>
        <translation>요율 배수(왼쪽에서 플랜을 선택하세요)</translation>
    </message>
    <message>
        <source>SPIFFs of %1 (a fixed amount per qualifying won deal)</source>
        <translation>%1의 SPIFF(조건에 맞는 수주 거래마다 정액)</translation>
    </message>
    <message>
        <source>SPIFFs (choose a plan on the left)</source>
        <translation>SPIFF(왼쪽에서 플랜을 선택하세요)</translation>
    </message>
    <message>
        <source>Draw of %1 (the least paid per period)</source>
        <translation>%1의 선지급(기간마다 최소 지급액)</translation>
    </message>
    <message>
        <source>Draw (choose a plan on the left)</source>
        <translation>선지급(왼쪽에서 플랜을 선택하세요)</translation>
    </message>
    <message>
        <source>Reps on %1 by date (instead of their Reps row&apos;s plan)</source>
        <translation>날짜별 %1 담당자(영업 담당자 행의 플랜 대신)</translation>
    </message>
    <message>
        <source>Plan assignments (choose a plan on the left)</source>
        <translation>플랜 배정(왼쪽에서 플랜을 선택하세요)</translation>
    </message>
</context>
<context>
    <name>ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n)</source>
        <translation>
            <numerusform>문제 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Figures cannot be computed until these are fixed.</source>
        <translation>이 문제를 고칠 때까지 수치를 계산할 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>문제 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>%n row(s) with problems are left out of these figures.</source>
        <translation>문제가 있는 %n행은 이 수치에서 제외되었습니다.</translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message>
        <source>Sheet</source>
        <translation>시트</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Left out of the figures</source>
        <translation>수치에서 제외된 것</translation>
    </message>
    <message>
        <source>cycle and cohort figures</source>
        <translation>영업 주기·코호트 수치</translation>
    </message>
    <message>
        <source>this row</source>
        <translation>이 행</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>외 %n건</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuotaPlanner</name>
    <message>
        <source>Equal</source>
        <translation>균등</translation>
    </message>
    <message>
        <source>Last year&apos;s won revenue</source>
        <translation>작년 수주 매출</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>직접 입력</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>균일</translation>
    </message>
    <message>
        <source>As the basis year&apos;s wins</source>
        <translation>기준 연도 수주 비율</translation>
    </message>
    <message>
        <source>12 weights, January to December</source>
        <translation>1월부터 12월까지 가중치 12개</translation>
    </message>
    <message>
        <source>Add scenario</source>
        <translation>시나리오 추가</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>시나리오</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <source>Company target</source>
        <translation>회사 목표</translation>
    </message>
    <message>
        <source>Over-assignment</source>
        <translation>초과 배정</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Seasonality</source>
        <translation>계절성</translation>
    </message>
    <message>
        <source>Ramp of new hires (%)</source>
        <translation>신규 입사자 램프 (%)</translation>
    </message>
    <message>
        <source>Basis year</source>
        <translation>기준 연도</translation>
    </message>
    <message>
        <source>Apply to the Quotas table</source>
        <translation>할당량 표에 적용</translation>
    </message>
    <message>
        <source>Remove scenario</source>
        <translation>시나리오 삭제</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>할당량</translation>
    </message>
    <message>
        <source>Gap (capacity − quota)</source>
        <translation>차이 (역량 − 할당량)</translation>
    </message>
    <message>
        <source>Scenario %1</source>
        <translation>시나리오 %1</translation>
    </message>
    <message>
        <source>Plan quotas for %1</source>
        <translation>%1년 할당량 계획</translation>
    </message>
    <message>
        <source>Wrote %1 quota rows of %2 (%3): Undo takes them back</source>
        <translation>%2년 할당량 %1행을 기록했습니다 (%3). 실행 취소로 되돌릴 수 있습니다</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>배정액</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>역량</translation>
    </message>
    <message>
        <source>Kept: closed months</source>
        <translation>유지: 마감된 달</translation>
    </message>
    <message>
        <source>Gap (capacity − target)</source>
        <translation>차이 (역량 − 목표)</translation>
    </message>
    <message>
        <source>Closed: %1. Their quotas are kept as they are; the rest of the target is spread over the open months</source>
        <translation>마감됨: %1. 이 달들의 할당량은 그대로 유지되고, 목표의 나머지는 열린 달에 나누어 배정됩니다</translation>
    </message>
    <message>
        <source>Teams of %1</source>
        <translation>%1의 팀</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation>(팀 없음)</translation>
    </message>
    <message>
        <source>%1: target %2 × %3%, weights %4, seasonality %5, ramp %6, basis %7</source>
        <translation>%1년: 목표 %2 × %3%, 가중치 %4, 계절성 %5, 램프 %6, 기준 %7년</translation>
    </message>
</context>
<context>
    <name>ResultTabs</name>
    <message>
        <source>Saved %1</source>
        <translation>%1 저장됨</translation>
    </message>
</context>
<context>
    <name>SheetView</name>
    <message>
        <source>Copied %1 cells</source>
        <translation>셀 %1개 복사됨</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>잘라내기</translation>
    </message>
    <message>
        <source>Nothing was pasted</source>
        <translation>붙여넣지 않았습니다</translation>
    </message>
    <message>
        <source>The block has %1 columns; only %2 fit from the selected cell.</source>
        <translation>붙여넣을 범위는 %1열이지만 선택한 셀부터는 %2열만 들어갑니다.</translation>
    </message>
    <message>
        <source>Paste %1 × %2</source>
        <translation>붙여넣기 (%1 × %2)</translation>
    </message>
    <message>
        <source>Pasted %1 rows (%2 new)</source>
        <translation>%1행 붙여넣음 (새 행 %2개)</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>%1행</translation>
    </message>
    <message>
        <source>New row %1</source>
        <translation>새 행 %1</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>셀 내용 지우기</translation>
    </message>
    <message>
        <source>Fill down</source>
        <translation>아래로 채우기</translation>
    </message>
    <message numerus="yes">
        <source>Insert %n row(s)</source>
        <translation>
            <numerusform>행 %n개 삽입</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n row(s)</source>
        <translation>
            <numerusform>행 %n개 복제</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s)</source>
        <translation>
            <numerusform>행 %n개 삭제</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>찾을 수 없음: %1</translation>
    </message>
    <message>
        <source>Showing %1 of %2 rows</source>
        <translation>전체 %2행 중 %1행 표시</translation>
    </message>
    <message>
        <source>All %1 rows shown</source>
        <translation>전체 %1행 표시</translation>
    </message>
    <message>
        <source>Filter by this value</source>
        <translation>이 값으로 필터링</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>필터 해제</translation>
    </message>
    <message>
        <source>Hide column</source>
        <translation>열 숨기기</translation>
    </message>
    <message>
        <source>Clear filter on this column</source>
        <translation>이 열의 필터 해제</translation>
    </message>
    <message>
        <source>Show all columns</source>
        <translation>모든 열 표시</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>변경되지 않았습니다</translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) do not fit; nothing was changed.</source>
        <translation>
            <numerusform>셀 %n개에 입력할 수 없는 값이 있어 아무것도 변경되지 않았습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>(and %1 more)</source>
        <translation>(외 %1건)</translation>
    </message>
</context>
<context>
    <name>StatementPages</name>
    <message>
        <source>Commission statements</source>
        <translation>커미션 명세서</translation>
    </message>
    <message>
        <source>No rep is on a plan in this period.</source>
        <translation>이 기간에 보상 플랜이 있는 담당자가 없습니다.</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1 (계속)</translation>
    </message>
    <message>
        <source>Commission statement</source>
        <translation>커미션 명세서</translation>
    </message>
    <message>
        <source>Rep: %1</source>
        <translation>담당자: %1</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>플랜: %1</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>기간: %1</translation>
    </message>
    <message>
        <source>Amounts in %1</source>
        <translation>금액 단위: %1</translation>
    </message>
    <message>
        <source>Quota %1 · won credit %2</source>
        <translation>할당량 %1 · 수주 실적 %2</translation>
    </message>
    <message>
        <source>Deal ID</source>
        <translation>거래 ID</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>거래</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>구간</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>요율</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>기준 금액</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <source>No commission lines in this period.</source>
        <translation>이 기간에는 커미션 내역이 없습니다.</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>%1 합계</translation>
    </message>
    <message>
        <source>base salary %1</source>
        <translation>기본급 %1</translation>
    </message>
    <message>
        <source>target incentive %1</source>
        <translation>목표 인센티브 %1</translation>
    </message>
    <message>
        <source>OTE %1</source>
        <translation>OTE %1</translation>
    </message>
    <message>
        <source>draw balance carried %1</source>
        <translation>이월된 선지급 잔액 %1</translation>
    </message>
    <message>
        <source>For information (not in the total): %1</source>
        <translation>참고(합계에 포함되지 않음): %1</translation>
    </message>
    <message>
        <source>Total payable for %1</source>
        <translation>%1 지급 총액</translation>
    </message>
    <message>
        <source>Printed %1 by Planner</source>
        <translation>Planner에서 %1에 인쇄</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%2쪽 중 %1쪽</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>Won</source>
        <translation>수주</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>현재 진행 중</translation>
    </message>
    <message>
        <source>No deals were created in {period}</source>
        <translation>{period}에 생성된 거래가 없습니다</translation>
    </message>
    <message>
        <source>Pipeline funnel</source>
        <translation>파이프라인 퍼널</translation>
    </message>
    <message>
        <source>Deals created in {period} by the furthest stage reached; open deals ({currency}) at right</source>
        <translation>{period}에 생성된 거래를 가장 멀리 도달한 단계별로 표시. 오른쪽은 진행 중 거래({currency})</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>기한 경과</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>이후</translation>
    </message>
    <message>
        <source>Weighted value ({currency})</source>
        <translation>가중 금액 ({currency})</translation>
    </message>
    <message>
        <source>No open deals</source>
        <translation>진행 중인 거래가 없습니다</translation>
    </message>
    <message>
        <source>Weighted pipeline by expected close</source>
        <translation>예상 종료월별 가중 파이프라인</translation>
    </message>
    <message>
        <source>Open deals × stage probability, as of {date}</source>
        <translation>진행 중 거래 × 단계별 확률 ({date} 기준)</translation>
    </message>
    <message>
        <source>{count} open deals, none with an amount</source>
        <translation>진행 중인 거래 {count}건, 금액이 있는 거래 없음</translation>
    </message>
    <message>
        <source>{count} open deals, none in a stage with a probability</source>
        <translation>진행 중인 거래 {count}건, 확률이 있는 단계의 거래 없음</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>단계 가중</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>커밋</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>할당량</translation>
    </message>
    <message>
        <source>Nothing won, forecast or planned in {year}</source>
        <translation>{year}년의 수주, 예측, 할당량이 없습니다</translation>
    </message>
    <message>
        <source>Amount ({currency})</source>
        <translation>금액 ({currency})</translation>
    </message>
    <message>
        <source>Forecast versus quota</source>
        <translation>할당량 대비 예측</translation>
    </message>
    <message>
        <source>Quarters of {year}; % = stage-weighted forecast ÷ quota</source>
        <translation>{year}년 분기별. % = 단계 가중 예측 ÷ 할당량</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>수주율</translation>
    </message>
    <message>
        <source>Average sales cycle (days)</source>
        <translation>평균 영업 주기(일)</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>일수</translation>
    </message>
    <message>
        <source>No deals closed in these months</source>
        <translation>이 기간에 종료된 거래가 없습니다</translation>
    </message>
    <message>
        <source>Win rate and sales cycle</source>
        <translation>수주율 및 영업 주기</translation>
    </message>
    <message>
        <source>Deals closed per month, the last {months} months</source>
        <translation>최근 {months}개월간 월별 종료 거래</translation>
    </message>
    <message>
        <source>Won deals (average)</source>
        <translation>수주 거래 (평균)</translation>
    </message>
    <message>
        <source>Open deals (average so far)</source>
        <translation>진행 중 거래 (현재까지 평균)</translation>
    </message>
    <message>
        <source>Stalled beyond (1.5 × won)</source>
        <translation>정체 기준선 (수주 평균 × 1.5)</translation>
    </message>
    <message>
        <source>{count} stalled</source>
        <translation>정체 {count}건</translation>
    </message>
    <message>
        <source>No stage times yet</source>
        <translation>단계 체류 기간 데이터가 아직 없습니다</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>단계 체류 기간</translation>
    </message>
    <message>
        <source>Open deals as of {date} against won deals</source>
        <translation>{date} 기준 진행 중 거래와 수주 거래 비교</translation>
    </message>
    <message>
        <source>Dashboard: {period}, as of {date}</source>
        <translation>대시보드: {period}, {date} 기준</translation>
    </message>
    <message>
        <source>The figures of the app&apos;s dashboard; each chart plots the table beside it.</source>
        <translation>앱 대시보드의 수치입니다. 각 차트는 옆의 표를 그립니다.</translation>
    </message>
    <message>
        <source>Deals created in {period} that reached the stage</source>
        <translation>{period}에 생성되어 이 단계에 도달한 거래</translation>
    </message>
    <message>
        <source>Conversion to the next stage</source>
        <translation>다음 단계 전환율</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>도달</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>진행 중 거래</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>예상 종료일</translation>
    </message>
    <message>
        <source>Attainment: {period}, as of {date}</source>
        <translation>달성률: {period}, {date} 기준</translation>
    </message>
    <message>
        <source>The figures of the app&apos;s Attainment tab; each chart plots the table beside it.</source>
        <translation>앱 달성률 탭의 수치입니다. 각 차트는 옆의 표를 그립니다.</translation>
    </message>
    <message>
        <source>Quota versus won by month, {year}</source>
        <translation>월별 할당량 대비 수주, {year}</translation>
    </message>
    <message>
        <source>Rep quadrants, {quarter}</source>
        <translation>담당자 사분면, {quarter}</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <source>Quadrant</source>
        <translation>사분면</translation>
    </message>
    <message>
        <source>Won deals</source>
        <translation>수주 거래</translation>
    </message>
    <message>
        <source>Lost deals</source>
        <translation>실주 거래</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>정체</translation>
    </message>
    <message>
        <source>Open value</source>
        <translation>진행 중 금액</translation>
    </message>
    <message>
        <source>Weighted value</source>
        <translation>가중 금액</translation>
    </message>
    <message>
        <source>Open pipeline by stage</source>
        <translation>단계별 진행 중 파이프라인</translation>
    </message>
    <message>
        <source>Attainment %1</source>
        <translation>%1 달성률</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>달성률</translation>
    </message>
    <message>
        <source>Projected at the current run rate</source>
        <translation>현재 속도 기준 예상</translation>
    </message>
    <message>
        <source>Quota (100%)</source>
        <translation>할당량 (100%)</translation>
    </message>
    <message>
        <source>No rep has a quota in this period</source>
        <translation>이 기간에 할당량이 있는 담당자가 없습니다</translation>
    </message>
    <message>
        <source>Attainment by rep</source>
        <translation>담당자별 달성률</translation>
    </message>
    <message>
        <source>Credited vs last quarter</source>
        <translation>전 분기 대비 인정 실적</translation>
    </message>
    <message>
        <source>No rep has a quota in this quarter</source>
        <translation>이 분기에 할당량이 있는 담당자가 없습니다</translation>
    </message>
    <message>
        <source>Rep quadrants</source>
        <translation>담당자 사분면</translation>
    </message>
    <message>
        <source>Won (credited)</source>
        <translation>수주(인정 실적)</translation>
    </message>
    <message>
        <source>No quota or credit in this year</source>
        <translation>이 연도에는 할당량도 인정 실적도 없습니다</translation>
    </message>
    <message>
        <source>Quota versus won by month</source>
        <translation>월별 할당량 대비 수주</translation>
    </message>
    <message>
        <source>Attainment by rep, %1</source>
        <translation>담당자별 달성률, %1</translation>
    </message>
    <message>
        <source>Stage-weighted forecast</source>
        <translation>단계 가중 예측</translation>
    </message>
    <message>
        <source>Forecast versus quota, %1</source>
        <translation>할당량 대비 예측, %1</translation>
    </message>
    <message>
        <source>Won revenue</source>
        <translation>수주 매출</translation>
    </message>
    <message>
        <source>Won revenue by month</source>
        <translation>월별 수주 매출</translation>
    </message>
    <message>
        <source>Charts: %1 (live: they follow the formulas of the sheets they plot)</source>
        <translation>차트: %1 (살아 있는 차트: 그리는 시트의 수식을 따라 바뀝니다)</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1월</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2월</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3월</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4월</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5월</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6월</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7월</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8월</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9월</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10월</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11월</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12월</translation>
    </message>
    <message>
        <source>Quota {year}</source>
        <translation>{year}년 할당량</translation>
    </message>
    <message>
        <source>Closed: kept as it was</source>
        <translation>마감됨: 그대로 유지</translation>
    </message>
    <message>
        <source>Won {year}</source>
        <translation>{year}년 수주</translation>
    </message>
    <message>
        <source>Add a scenario to see its quota by month</source>
        <translation>시나리오를 추가하면 월별 할당량이 표시됩니다</translation>
    </message>
    <message>
        <source>Quota versus last year&apos;s won, by month</source>
        <translation>월별 할당량 대비 작년 수주</translation>
    </message>
    <message>
        <source>{name} ({currency})</source>
        <translation>{name} ({currency})</translation>
    </message>
    <message>
        <source>Payout against attainment</source>
        <translation>달성률별 지급액</translation>
    </message>
    <message>
        <source>Choose a plan to see what it pays</source>
        <translation>플랜을 고르면 지급액을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Total payout</source>
        <translation>총 지급액</translation>
    </message>
    <message>
        <source>Commission without bonuses</source>
        <translation>보너스 제외 커미션</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>보너스</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>상한</translation>
    </message>
    <message>
        <source>Cap of {cap}: above the chart</source>
        <translation>상한 {cap} (차트 위)</translation>
    </message>
    <message>
        <source>This plan has no tiers yet: add one below</source>
        <translation>이 플랜에는 아직 구간이 없습니다. 아래에서 추가하세요</translation>
    </message>
    <message>
        <source>{plan}: a quota of {quota} {currency} per {period}</source>
        <translation>{plan}: {period}당 할당량 {quota} {currency}</translation>
    </message>
    <message>
        <source>Nothing was won in these periods: no method can be judged</source>
        <translation>이 기간에는 수주가 없습니다: 어떤 방식도 평가할 수 없습니다</translation>
    </message>
    <message>
        <source>forecasts made on each period&apos;s first day</source>
        <translation>각 기간 첫날에 작성한 예측</translation>
    </message>
    <message>
        <source>forecasts made one period before</source>
        <translation>한 기간 전에 작성한 예측</translation>
    </message>
    <message>
        <source>; below −100% drawn at the edge</source>
        <translation>; −100% 미만은 가장자리에 표시</translation>
    </message>
    <message>
        <source>Accuracy per method and period</source>
        <translation>방식·기간별 정확도</translation>
    </message>
    <message>
        <source>1 − |forecast − actual| ÷ actual, {when}{cut}</source>
        <translation>1 − |예측 − 실적| ÷ 실적, {when}{cut}</translation>
    </message>
    <message>
        <source>Backtest: {first} to {last}, as of {date}</source>
        <translation>백테스트: {first} ~ {last}, {date} 기준</translation>
    </message>
    <message>
        <source>Each method&apos;s forecast made on the book as it stood on the month&apos;s first day, against what was won in the month (accuracy 1 − |forecast − actual| ÷ actual; amounts of that day); then each stage&apos;s probability beside its observed win rate.</source>
        <translation>각 방법의 예측은 그달 첫날 시점의 북으로 만들어 그달에 수주한 금액과 비교합니다 (정확도 1 − |예측 − 실적| ÷ 실적, 금액은 그날 기준). 그 아래에 단계별 확률과 관측된 수주율을 나란히 보여 줍니다.</translation>
    </message>
    <message>
        <source>Backtest, as of {date}</source>
        <translation>백테스트, {date} 기준</translation>
    </message>
    <message>
        <source>No month before the book&apos;s date has anything won: no forecast method can be judged yet. Each stage&apos;s probability beside its observed win rate:</source>
        <translation>북 기준일 이전에 수주가 있었던 달이 없어 아직 예측 방법을 평가할 수 없습니다. 단계별 확률과 관측된 수주율:</translation>
    </message>
    <message>
        <source>Forecast accuracy by month (made on the month&apos;s first day)</source>
        <translation>월별 예측 정확도(그달 첫날 예측)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}: 파일이 없습니다</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes to apply these changes, or --dry-run to only show them</source>
        <translation>{book}은(는) 변경되지 않았습니다: 이 변경을 적용하려면 --yes를, 보기만 하려면 --dry-run을 지정하세요</translation>
    </message>
    <message>
        <source>{target} already holds a Planner book (use --force to replace it)</source>
        <translation>{target}에 이미 Planner 북이 있습니다 (바꾸려면 --force 사용)</translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}</source>
        <translation>{path}에 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>--as-of must lie between {low} and {high}</source>
        <translation>--as-of는 {low}년부터 {high}년 사이여야 합니다</translation>
    </message>
    <message>
        <source>{name} must be a whole number from 1 to {high:,}</source>
        <translation>{name}은(는) 1부터 {high:,}까지의 정수여야 합니다</translation>
    </message>
    <message>
        <source>{path}: import --out writes a Planner book (.planner), not a workbook or CSV; use planner export for a workbook</source>
        <translation>{path}: import --out은 통합 문서나 CSV가 아니라 Planner 북(.planner)을 씁니다. 통합 문서는 planner export를 사용하세요</translation>
    </message>
    <message>
        <source>--currency {currency} is not the currency of {book} ({book_currency}): a merge reads amounts in the book&apos;s</source>
        <translation>--currency {currency}은(는) {book}의 통화({book_currency})가 아닙니다: 병합은 금액을 북의 통화로 읽습니다</translation>
    </message>
    <message>
        <source>{book} was changed by someone else while the merge was planned; nothing was applied: run the import again</source>
        <translation>병합을 계획하는 동안 다른 사람이 {book}을(를) 변경했습니다. 아무것도 적용하지 않았습니다. 가져오기를 다시 실행하세요</translation>
    </message>
    <message>
        <source>{path} already exists (use --force to overwrite it)</source>
        <translation>{path} 파일이 이미 있습니다 (덮어쓰려면 --force 사용)</translation>
    </message>
    <message>
        <source>--yes and --dry-run go with --into</source>
        <translation>--yes와 --dry-run은 --into와 함께 씁니다</translation>
    </message>
    <message>
        <source>{table}, column {column}</source>
        <translation>{table}, {column} 열</translation>
    </message>
    <message>
        <source>{table} {key}, column {column}</source>
        <translation>{table} {key}, {column} 열</translation>
    </message>
    <message>
        <source>{table} row {row}, column {column}</source>
        <translation>{table} {row}행, {column} 열</translation>
    </message>
    <message>
        <source>{table} row {row}</source>
        <translation>{table} {row}행</translation>
    </message>
    <message>
        <source>{table} {key}</source>
        <translation>{table} {key}</translation>
    </message>
    <message>
        <source>The book has problems: {problems}{more}</source>
        <translation>북에 문제가 있습니다: {problems}{more}</translation>
    </message>
    <message>
        <source>Not changed: {problems}{more}</source>
        <translation>변경되지 않았습니다: {problems}{more}</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation> (외 {count}건)</translation>
    </message>
    <message>
        <source>Unknown table(s) {names}</source>
        <translation>알 수 없는 표: {names}</translation>
    </message>
    <message>
        <source>Unknown rounding mode {mode!r}: use half_up, half_even, down or up</source>
        <translation>알 수 없는 반올림 방식 {mode!r}: half_up, half_even, down, up 중 하나를 사용하세요</translation>
    </message>
    <message>
        <source>Settings: as_of {text!r} is not a date (expected 2026-06-30)</source>
        <translation>Settings: as_of {text!r}은(는) 날짜가 아닙니다 (예: 2026-06-30)</translation>
    </message>
    <message>
        <source>row #{row} no longer exists</source>
        <translation>#{row} 행은 더 이상 존재하지 않습니다</translation>
    </message>
    <message>
        <source>{value!r} is not a number</source>
        <translation>{value!r}은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is not a date (expected a day such as 2026-03-05)</source>
        <translation>{value!r}은(는) 날짜가 아닙니다 (예: 2026-03-05)</translation>
    </message>
    <message>
        <source>{value!r} is not text</source>
        <translation>{value!r}은(는) 텍스트가 아닙니다</translation>
    </message>
    <message>
        <source>the table has no such column</source>
        <translation>표에 해당 열이 없습니다</translation>
    </message>
    <message>
        <source>{value!r} is not a stage of the Stages sheet</source>
        <translation>{value!r}은(는) Stages 시트의 단계가 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is not a rep of the Reps sheet</source>
        <translation>{value!r}은(는) Reps 시트의 담당자가 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is not a plan of the Plans sheet</source>
        <translation>{value!r}은(는) Plans 시트의 플랜이 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is not a deal of the Deals sheet</source>
        <translation>{value!r}은(는) Deals 시트의 거래가 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is not a team of the Teams sheet</source>
        <translation>{value!r}은(는) Teams 시트의 팀이 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} could be any of {candidates}: use the id</source>
        <translation>{value!r}에 해당하는 항목이 여러 개입니다 ({candidates}). ID를 사용하세요</translation>
    </message>
    <message>
        <source>refers to a row of {target} that was deleted</source>
        <translation>삭제된 {target} 행을 참조합니다</translation>
    </message>
    <message>
        <source>{value} differs from the book&apos;s currency {book}; exchange rates are not supported yet</source>
        <translation>{value}은(는) 북의 통화 {book}와(과) 다릅니다. 환율은 아직 지원되지 않습니다</translation>
    </message>
    <message>
        <source>plan {plan!r} mixes marginal and retroactive tiers; use one method per plan</source>
        <translation>플랜 {plan!r}에 구간별(marginal)과 소급(retroactive) 구간이 섞여 있습니다. 플랜마다 한 가지 방식을 사용하세요</translation>
    </message>
    <message>
        <source>a won or lost deal needs its closed date</source>
        <translation>수주 또는 실주 거래에는 종료일이 필요합니다</translation>
    </message>
    <message>
        <source>{value!r} was not found when it was entered; choose it again</source>
        <translation>{value!r}은(는) 입력할 때 찾을 수 없었습니다. 다시 선택하세요</translation>
    </message>
    <message>
        <source>a quota is for a rep or for a team, not both</source>
        <translation>할당량은 담당자와 팀 중 하나에만 지정할 수 있습니다</translation>
    </message>
    <message>
        <source>a quota needs a rep or a team</source>
        <translation>할당량에는 담당자 또는 팀이 필요합니다</translation>
    </message>
    <message>
        <source>the parent teams loop back to this team ({path})</source>
        <translation>상위 팀을 따라가면 이 팀으로 되돌아옵니다({path})</translation>
    </message>
    <message>
        <source>closed before it was created</source>
        <translation>생성일보다 종료일이 앞섭니다</translation>
    </message>
    <message>
        <source>only a won deal can be cancelled</source>
        <translation>수주한 거래만 취소할 수 있습니다</translation>
    </message>
    <message>
        <source>cancelled before it was closed</source>
        <translation>종료일보다 취소일이 앞섭니다</translation>
    </message>
    <message>
        <source>the shares of deal {deal!r} add up to {total}, not 100%</source>
        <translation>거래 {deal!r}의 분할 비율 합계가 100%가 아니라 {total}입니다</translation>
    </message>
    <message>
        <source>the tiers of plan {plan!r} must start at 0% and each start where the one before ends, only the last one open-ended</source>
        <translation>플랜 {plan!r}의 구간은 0%에서 시작하고, 각 구간은 앞 구간이 끝나는 곳에서 시작해야 하며, 마지막 구간만 상한이 없을 수 있습니다</translation>
    </message>
    <message>
        <source>the tier must end above where it starts</source>
        <translation>구간의 끝은 시작보다 커야 합니다</translation>
    </message>
    <message>
        <source>{value!r} is an amount in {other}; amounts here are in {currency}</source>
        <translation>{value!r}은(는) {other} 금액입니다. 여기의 금액은 {currency} 기준입니다</translation>
    </message>
    <message>
        <source>{value!r} is not an amount (expected a number such as 1,234.50)</source>
        <translation>{value!r}은(는) 금액이 아닙니다 (예: 1,234.50)</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation>{value!r}은(는) 정수가 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is not a percentage (expected 35%, 0.35 or 1/3)</source>
        <translation>{value!r}은(는) 백분율이 아닙니다 (예: 35%, 0.35 또는 1/3)</translation>
    </message>
    <message>
        <source>{value} is a date, not a percentage (a spreadsheet turns 1/3 typed into a cell into a date): write 33.3333%, or &apos;1/3 to keep it as text</source>
        <translation>{value}은(는) 백분율이 아니라 날짜입니다 (스프레드시트는 셀에 입력한 1/3을 날짜로 바꿉니다): 33.3333%로 쓰거나, 텍스트로 두려면 &apos;1/3로 입력하세요</translation>
    </message>
    <message>
        <source>{value!r} could be month first or day first: write the day as 2026-03-05, or give the order (import --date-order mdy or dmy, or a mapping&apos;s &quot;date_order&quot;)</source>
        <translation>{value!r}은(는) 월이 먼저인지 일이 먼저인지 알 수 없습니다: 2026-03-05처럼 쓰거나 순서를 지정하세요 (import --date-order mdy 또는 dmy, 또는 매핑의 &quot;date_order&quot;)</translation>
    </message>
    <message>
        <source>{value} is out of range (expected {low} to {high})</source>
        <translation>{value}은(는) 허용 범위를 벗어났습니다 ({low}~{high})</translation>
    </message>
    <message>
        <source>{value} is outside the years Planner accepts ({low} to {high})</source>
        <translation>{value}은(는) Planner에서 허용하는 연도 범위를 벗어났습니다 ({low}~{high})</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>값이 필요합니다</translation>
    </message>
    <message>
        <source>{value!r} is not one of {allowed}</source>
        <translation>{value!r}은(는) {allowed} 중 하나가 아닙니다</translation>
    </message>
    <message>
        <source>duplicate of an earlier row</source>
        <translation>앞의 행과 중복됩니다</translation>
    </message>
    <message>
        <source>{value!r} is not an amount: write {number} (the decimal separator is a point)</source>
        <translation>{value!r}은(는) 금액이 아닙니다: {number}(으)로 쓰세요 (소수점은 점(.)입니다)</translation>
    </message>
    <message>
        <source>{value!r} is not an amount: thousands separators group three digits (1,234,567.50) and the decimal separator is a point</source>
        <translation>{value!r}은(는) 금액이 아닙니다: 천 단위 구분 기호는 세 자리씩 묶고 (1,234,567.50) 소수점은 점(.)입니다</translation>
    </message>
    <message>
        <source>{value!r} has more decimals than amounts in {currency} have ({digits})</source>
        <translation>{value!r}은(는) {currency} 금액의 소수 자릿수({digits})보다 소수 자리가 많습니다</translation>
    </message>
    <message>
        <source>Unknown currency {currency!r}: use an ISO code such as USD, KRW or JPY</source>
        <translation>알 수 없는 통화 {currency!r}: USD, KRW, JPY 같은 ISO 코드를 사용하세요</translation>
    </message>
    <message>
        <source>Bad period {text!r}: expected a month (2026-01), a quarter (2026-Q1) or a year (2026)</source>
        <translation>잘못된 기간 {text!r}: 월(2026-01), 분기(2026-Q1), 연도(2026) 형식이어야 합니다</translation>
    </message>
    <message>
        <source>Bad period {text!r}: Planner keeps the years {low} to {high}</source>
        <translation>잘못된 기간 {text!r}: Planner는 {low}년부터 {high}년까지만 다룹니다</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>{path}을(를) 저장할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>{path} is a folder; choose a file name</source>
        <translation>{path}은(는) 폴더입니다. 파일 이름을 지정하세요</translation>
    </message>
    <message>
        <source>{path} is one of the files being imported: choose another name for the book</source>
        <translation>{path}은(는) 가져오는 파일 중 하나입니다. 북에 다른 이름을 고르세요</translation>
    </message>
    <message>
        <source>{path} is one of the files this command reads or writes: choose another name</source>
        <translation>{path}은(는) 이 명령이 읽거나 쓰는 파일 중 하나입니다. 다른 이름을 고르세요</translation>
    </message>
    <message>
        <source>Cannot save {path}: the folder {folder} does not exist</source>
        <translation>{path}을(를) 저장할 수 없습니다: {folder} 폴더가 없습니다</translation>
    </message>
    <message>
        <source>Cannot save {path}: no permission to write there</source>
        <translation>{path}을(를) 저장할 수 없습니다: 쓰기 권한이 없습니다</translation>
    </message>
    <message>
        <source>{path} is a folder, not a Planner book</source>
        <translation>{path}은(는) 폴더이며 Planner 북이 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is too large for Planner</source>
        <translation>{value!r}은(는) Planner에서 처리하기에 너무 큽니다</translation>
    </message>
    <message>
        <source>{path} is not a Planner book</source>
        <translation>{path}은(는) Planner 북이 아닙니다</translation>
    </message>
    <message>
        <source>{path} is damaged (its Planner information cannot be read)</source>
        <translation>{path} 파일이 손상되었습니다 (Planner 정보를 읽을 수 없습니다)</translation>
    </message>
    <message>
        <source>{path} is damaged (its Planner information is not readable)</source>
        <translation>{path} 파일이 손상되었습니다 (Planner 정보의 형식이 올바르지 않습니다)</translation>
    </message>
    <message>
        <source>{target} holds something other than a Planner book; nothing was written (choose another file or an empty database)</source>
        <translation>{target}에 Planner 북이 아닌 다른 데이터가 있어 아무것도 쓰지 않았습니다 (다른 파일이나 빈 데이터베이스를 선택하세요)</translation>
    </message>
    <message>
        <source>{path} is damaged (table {table}: {reason}); open a backup copy</source>
        <translation>{path} 파일이 손상되었습니다 ({table} 표: {reason}). 백업 사본을 여세요</translation>
    </message>
    <message>
        <source>{path} is on a read-only disk or folder: open it read-only, or copy it somewhere you can write</source>
        <translation>{path}은(는) 읽기 전용 디스크나 폴더에 있습니다. 읽기 전용으로 열거나, 쓰기 가능한 위치에 복사하세요</translation>
    </message>
    <message>
        <source>{path} was saved by a newer Planner (book format {version}); please update Planner</source>
        <translation>{path}은(는) 더 새로운 Planner로 저장되었습니다 (북 형식 {version}). Planner를 업데이트하세요</translation>
    </message>
    <message>
        <source>Not saved: {path} was saved again ({by}) after the work recovered here was last kept, and saving over it would undo that save. Save the recovered work as another file, then copy what you need across</source>
        <translation>저장되지 않았습니다: 여기서 복구한 작업이 마지막으로 보관된 뒤 {path}이(가) 다시 저장되었습니다({by}). 그 위에 저장하면 그 저장 내용이 사라집니다. 복구한 작업을 다른 파일로 저장한 뒤 필요한 내용을 옮기세요</translation>
    </message>
    <message>
        <source>{path} is open read-only: save a copy with Save As</source>
        <translation>{path}은(는) 읽기 전용으로 열려 있습니다. [다른 이름으로 저장]으로 사본을 저장하세요</translation>
    </message>
    <message>
        <source>Not saved: another Planner ({host}, {at}) changed the same rows since you opened the book: {rows}. Your changes are kept here: save them as a copy with Save As, or reopen the book and make them again</source>
        <translation>저장되지 않았습니다: 북을 연 뒤 다른 Planner({host}, {at})에서 같은 행을 변경했습니다: {rows}. 변경 내용은 여기에 그대로 남아 있습니다. [다른 이름으로 저장]으로 사본을 저장하거나, 북을 다시 열고 변경 내용을 다시 입력하세요</translation>
    </message>
    <message>
        <source>{path} is locked by another program; try again in a moment</source>
        <translation>{path}은(는) 다른 프로그램이 잠그고 있습니다. 잠시 후 다시 시도하세요</translation>
    </message>
    <message>
        <source>{path} cannot be written by this database user ({reason}): ask the database&apos;s owner for write access</source>
        <translation>이 데이터베이스 사용자는 {path}에 쓸 수 없습니다 ({reason}): 데이터베이스 소유자에게 쓰기 권한을 요청하세요</translation>
    </message>
    <message>
        <source>Could not bring {path} up to this Planner&apos;s book format: {reason}</source>
        <translation>{path}을(를) 이 Planner의 북 형식으로 변환할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>{path} is damaged or truncated ({reason}); open a backup copy</source>
        <translation>{path} 파일이 손상되었거나 잘려 있습니다 ({reason}). 백업 사본을 여세요</translation>
    </message>
    <message>
        <source>Nothing was imported: {count} problem(s) in {files}</source>
        <translation>가져온 것이 없습니다: {files}에 문제 {count}건</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported</source>
        <translation>가져오기가 취소되었습니다. 가져온 것이 없습니다</translation>
    </message>
    <message>
        <source>{table} needs a column {name} ({aliases}, ...); none of the headers is one</source>
        <translation>{table}에는 {name} 열({aliases}, ...)이 필요하지만 해당하는 헤더가 없습니다</translation>
    </message>
    <message>
        <source>{table} needs a column {name} ({aliases}, ...): the stage(s) {stages} were taken as won or lost, and won and lost deals need one; map a column to {name}, or map those stages to an open stage</source>
        <translation>{table}에는 {name} 열({aliases}, ...)이 필요합니다: 단계 {stages}이(가) 수주 또는 실주로 처리되었고, 수주·실주 거래에는 이 값이 필요합니다. 열을 {name}에 매핑하거나 그 단계들을 진행 중 단계에 매핑하세요</translation>
    </message>
    <message>
        <source>{value!r} is also the id of row {other}</source>
        <translation>{value!r}은(는) {other}행의 ID이기도 합니다</translation>
    </message>
    <message>
        <source>{value!r} is also the id of row {other} of {file}</source>
        <translation>{value!r}은(는) {file}의 {other}행의 ID이기도 합니다</translation>
    </message>
    <message>
        <source>{value!r} is also the id of row {other} of sheet {sheet} of {file}</source>
        <translation>{value!r}은(는) {file}의 {sheet} 시트 {other}행의 ID이기도 합니다</translation>
    </message>
    <message>
        <source>{count} deal(s) have no owner: they go to the rep {rep!r} the import creates</source>
        <translation>거래 {count}건에 담당자가 없습니다: 가져오기가 만드는 담당자 {rep!r}에게 배정됩니다</translation>
    </message>
    <message>
        <source>{count} rep(s) made from the names in {header}: {names}</source>
        <translation>{header}의 이름으로 담당자 {count}명을 만들었습니다: {names}</translation>
    </message>
    <message>
        <source>Mapping: the stage {name!r} goes to {target!r}, which is no stage of the book or the files, nor a kind of stage ({kinds})</source>
        <translation>매핑: 단계 {name!r}의 대상 {target!r}은(는) 북이나 파일의 단계도 아니고 단계 종류({kinds})도 아닙니다</translation>
    </message>
    <message>
        <source>Mapping: the owner {name!r} goes to {target!r}, which is no rep of the book or the files, nor &quot;new&quot; (a new rep)</source>
        <translation>매핑: 담당자 {name!r}의 대상 {target!r}은(는) 북이나 파일의 담당자도 아니고 &quot;new&quot;(새 담당자)도 아닙니다</translation>
    </message>
    <message>
        <source>{value!r} is not a stage of the book: map it to one of its stages, or to won, lost or open for a new stage (the import&apos;s Check page, or &quot;stages&quot; in --mapping)</source>
        <translation>{value!r}은(는) 북의 단계가 아닙니다: 북의 단계 하나로, 또는 새 단계라면 won, lost, open 중 하나로 매핑하세요 (가져오기의 확인 페이지, 또는 --mapping의 &quot;stages&quot;)</translation>
    </message>
    <message>
        <source>{value!r} is not a rep of the book: map it to one of its reps, or to &quot;new&quot; for a new rep (the import&apos;s Check page, or &quot;owners&quot; in --mapping)</source>
        <translation>{value!r}은(는) 북의 담당자가 아닙니다: 북의 담당자 하나로, 또는 새 담당자라면 &quot;new&quot;로 매핑하세요 (가져오기의 확인 페이지, 또는 --mapping의 &quot;owners&quot;)</translation>
    </message>
    <message>
        <source>the deal has no owner: map deals without an owner (the owner &quot;&quot;) to a rep of the book, or to &quot;new&quot; for a new rep Unassigned (the import&apos;s Check page, or &quot;owners&quot; in --mapping)</source>
        <translation>거래에 담당자가 없습니다: 담당자 없는 거래(담당자 &quot;&quot;)를 북의 담당자로, 또는 새 담당자 Unassigned라면 &quot;new&quot;로 매핑하세요 (가져오기의 확인 페이지, 또는 --mapping의 &quot;owners&quot;)</translation>
    </message>
    <message>
        <source>{count} stage(s) made from the names in {header}: {names}</source>
        <translation>{header}의 이름으로 단계 {count}개를 만들었습니다: {names}</translation>
    </message>
    <message>
        <source>{count} stage(s) made for the orders: {names}</source>
        <translation>주문용 단계 {count}개를 만들었습니다: {names}</translation>
    </message>
    <message>
        <source>a stage has one probability, not one per deal: the stages made took {taken}</source>
        <translation>확률은 거래마다가 아니라 단계마다 하나입니다: 새로 만든 단계의 확률은 {taken}입니다</translation>
    </message>
    <message>
        <source>the deals of {stages} disagree on their probability ({values}): the stage took {taken}; set it in the Stages sheet</source>
        <translation>{stages}의 거래들은 확률이 서로 다릅니다({values}): 단계의 확률은 {taken}(으)로 정했습니다. 단계 시트에서 정하세요</translation>
    </message>
    <message>
        <source>a stage has one probability, not one per deal: the deals&apos; were not kept (the book&apos;s stages keep theirs)</source>
        <translation>확률은 거래마다가 아니라 단계마다 하나입니다: 거래의 확률은 반영하지 않았습니다(북의 단계는 기존 확률을 유지합니다)</translation>
    </message>
    <message>
        <source>{count} open deal(s) have no amount (counted as 0)</source>
        <translation>진행 중인 거래 {count}건에 금액이 없습니다 (0으로 계산)</translation>
    </message>
    <message>
        <source>{count} open deal(s) have no created date (left out of cohort and cycle figures)</source>
        <translation>진행 중인 거래 {count}건에 생성일이 없습니다 (코호트 및 주기 수치에서 제외)</translation>
    </message>
    <message>
        <source>the file has no created-date column: {count} won or lost deal(s) are imported without one and stay problems of the book until their created dates are filled in</source>
        <translation>파일에 생성일 열이 없습니다: 수주 또는 실주 거래 {count}건이 생성일 없이 가져와지며, 생성일을 채울 때까지 북의 문제로 남습니다</translation>
    </message>
    <message>
        <source>a won or lost deal needs its {what}</source>
        <translation>수주 또는 실주 거래에는 {what}이(가) 필요합니다</translation>
    </message>
    <message>
        <source>{value!r} is not a status (expected open, won or lost)</source>
        <translation>{value!r}은(는) 상태가 아닙니다 (open, won 또는 lost 필요)</translation>
    </message>
    <message>
        <source>{header} holds no open, won or lost, so it is no deal status (the stage says that): kept as your own column</source>
        <translation>{header}에는 진행·수주·실주 값이 없어 거래 상태가 아닙니다 (상태는 단계가 나타냅니다): 내 열로 유지합니다</translation>
    </message>
    <message>
        <source>{value!r} is not TRUE or FALSE</source>
        <translation>{value!r}은(는) TRUE 또는 FALSE가 아닙니다</translation>
    </message>
    <message>
        <source>a hidden sheet: left out (Excel hides it, and it may hold old or helper rows); map it to a table to import it</source>
        <translation>숨겨진 시트: 제외되었습니다 (Excel에서 숨긴 시트이며 오래되었거나 보조용인 행이 있을 수 있음). 가져오려면 표에 매핑하세요</translation>
    </message>
    <message>
        <source>not a table of the book (its headers match none): left out; map it to a table to import it</source>
        <translation>북의 표이 아닙니다 (어떤 헤더도 일치하지 않음): 제외되었습니다. 가져오려면 표에 매핑하세요</translation>
    </message>
    <message>
        <source>no deal id column: ids {first} to {last} were given in row order</source>
        <translation>거래 ID 열이 없습니다: 행 순서대로 ID {first}~{last}을(를) 부여했습니다</translation>
    </message>
    <message>
        <source>no deal id column: merging into a book matches deals by their ids</source>
        <translation>거래 ID 열이 없습니다: 북에 병합할 때는 ID로 거래를 대조합니다</translation>
    </message>
    <message>
        <source>{count} date(s) such as {example!r} could be month/day or day/month: set the date order (mdy or dmy) in the mapping</source>
        <translation>{example!r} 등 날짜 {count}개가 월/일 또는 일/월일 수 있습니다: 매핑에서 날짜 순서(mdy 또는 dmy)를 지정하세요</translation>
    </message>
    <message>
        <source>{value!r} is a percent without its sign, but this column also holds fractions such as {other!r} (row {row}): write {percent} or {fraction}</source>
        <translation>{value!r}은(는) 기호 없는 백분율이지만 이 열에는 {other!r}({row}행) 같은 소수도 있습니다: {percent} 또는 {fraction}(으)로 쓰세요</translation>
    </message>
    <message>
        <source>{value!r} is a fraction, but this column also holds percents without their sign such as {other!r} (row {row}): write {fraction} for the fraction or {percent} for the percent</source>
        <translation>{value!r}은(는) 소수이지만 이 열에는 {other!r}({row}행) 같은 기호 없는 백분율도 있습니다: 소수라면 {fraction}, 백분율이라면 {percent}(으)로 쓰세요</translation>
    </message>
    <message>
        <source>{file} could not be read: {reason}</source>
        <translation>{file}을(를) 읽을 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>{file} is neither UTF-8 nor CP949 (EUC-KR) nor CP932 (Shift_JIS) text: save it as UTF-8 CSV</source>
        <translation>{file}은(는) UTF-8, CP949(EUC-KR), CP932(Shift_JIS) 텍스트가 아닙니다: UTF-8 CSV로 저장하세요</translation>
    </message>
    <message>
        <source>no sheet of {files} has the headers of a table of the book, such as {expected}. Rename the headers, or say which header is which column: on the import&apos;s Sheets and columns page, or with --mapping MAP.json (the page&apos;s Save mapping writes one; the README shows its form)</source>
        <translation>{files}에는 북의 표 머리글을 가진 시트가 없습니다. 예: {expected}. 머리글 이름을 바꾸거나, 어느 머리글이 어느 열인지 지정하세요: 가져오기의 ‘시트와 열’ 페이지에서, 또는 --mapping MAP.json으로 (그 페이지의 매핑 저장이 파일을 만들며, 형식은 README에 있습니다)</translation>
    </message>
    <message>
        <source>the data of {files} lives only in its Power Pivot data model, which Planner cannot read (its sheets show a PivotTable of it). Export the table itself to a CSV or .xlsx file (Power BI Desktop: a table visual&apos;s More options, Export data; Excel: Power Pivot, Manage, then copy the table into a sheet) and import that file</source>
        <translation>{files}의 데이터는 Planner가 읽을 수 없는 Power Pivot 데이터 모델 안에만 있습니다 (시트에는 그 피벗 테이블만 있습니다). 표 자체를 CSV나 .xlsx 파일로 내보낸 뒤 그 파일을 가져오세요 (Power BI Desktop: 테이블 시각적 개체의 추가 옵션 → 데이터 내보내기, Excel: Power Pivot → 관리에서 표를 시트에 복사)</translation>
    </message>
    <message>
        <source>read as an order log: {orders} order(s) from {lines} row(s) as won deals, {cancelled} cancelled; created and closed on each order&apos;s date</source>
        <translation>주문 내역으로 읽었습니다: {lines}행의 주문 {orders}건을 수주 거래로, 그중 {cancelled}건은 취소로 가져옵니다. 생성일과 종료일은 각 주문의 날짜입니다</translation>
    </message>
    <message>
        <source>read as an order log: {orders} order(s) from {lines} row(s) as won deals, {cancelled} cancelled on their date ({reasons}); created and closed on each order&apos;s date</source>
        <translation>주문 내역으로 읽었습니다: {lines}행의 주문 {orders}건을 수주 거래로, 그중 {cancelled}건은 그 날짜에 취소로 가져옵니다 ({reasons}). 생성일과 종료일은 각 주문의 날짜입니다</translation>
    </message>
    <message>
        <source>{value!r} differs from row {other} of the same order ({other_value!r}): the lines of one order share its date, owner, region and currency</source>
        <translation>{value!r}이(가) 같은 주문의 {other}행({other_value!r})과 다릅니다: 한 주문의 행들은 날짜, 담당자, 지역, 통화가 같아야 합니다</translation>
    </message>
    <message>
        <source>{count} column(s) differ between the lines of one order and are left out: {names}</source>
        <translation>한 주문의 행마다 값이 다른 열 {count}개는 가져오지 않습니다: {names}</translation>
    </message>
    <message>
        <source>{count} order(s) come to fractions of the smallest unit of {currency}, such as {example}: each order&apos;s amount is rounded once, half up ({rounded})</source>
        <translation>주문 {count}건의 합계가 {currency}의 최소 단위보다 잘게 나옵니다 (예: {example}): 주문마다 금액을 한 번 반올림합니다 ({rounded})</translation>
    </message>
    <message>
        <source>each order&apos;s owner is the rep of its {header}: {pairs}</source>
        <translation>각 주문의 담당자는 {header}의 담당자입니다: {pairs}</translation>
    </message>
    <message>
        <source>an order log (Order ID, Order Date, Sales, Customer Name, Region)</source>
        <translation>주문 내역 (주문번호, 주문일, 매출, 고객명, 지역)</translation>
    </message>
    <message>
        <source>the files do not say which currency their amounts are in: they are read as {currency}; choose another with --currency CODE (in the app: Currency, on the Sheets and columns page)</source>
        <translation>파일에 금액의 통화가 나와 있지 않아 {currency}(으)로 읽었습니다. 다른 통화는 --currency CODE로 고르세요 (앱에서는 &apos;시트와 열&apos; 페이지의 통화)</translation>
    </message>
    <message>
        <source>holds {value}, an Excel error (a formula that failed): fix the formula or clear the cell, then import again</source>
        <translation>{value}이(가) 들어 있습니다. Excel 오류(실패한 수식)입니다: 수식을 고치거나 셀을 비운 뒤 다시 가져오세요</translation>
    </message>
    <message>
        <source>a quote (&quot;) opened in this row is never closed: the rest of the file would be read into one cell; close it (a quote inside a cell is written twice: &quot;&quot;)</source>
        <translation>이 행에서 열린 따옴표(&quot;)가 닫히지 않습니다: 파일의 나머지가 한 셀로 읽히게 됩니다. 따옴표를 닫으세요 (셀 안의 따옴표는 두 번 씁니다: &quot;&quot;)</translation>
    </message>
    <message>
        <source>this last row has {count} value(s) where the header row (row {header}) has {width}, and the file ends without a line break: it looks cut short; export it again</source>
        <translation>마지막 행의 값이 {count}개인데 헤더 행({header}행)은 {width}개이고, 파일이 줄바꿈 없이 끝납니다: 잘린 파일로 보입니다. 다시 내보내세요</translation>
    </message>
    <message>
        <source>{count} value(s) where the header row (row {header}) has {width}: a delimiter ({delimiter}) out of place or a cell holding one without quotes; fix the row and import again</source>
        <translation>값이 {count}개인데 헤더 행({header}행)은 {width}개입니다: 구분 기호({delimiter})가 잘못 들어갔거나 구분 기호가 든 셀에 따옴표가 없습니다. 행을 고친 뒤 다시 가져오세요</translation>
    </message>
    <message>
        <source>nothing to import: {files} has a header row but no rows of data</source>
        <translation>가져올 것이 없습니다: {files}에는 헤더 행만 있고 데이터 행이 없습니다</translation>
    </message>
    <message>
        <source>sheet {sheet}</source>
        <translation>{sheet} 시트</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>{row}행</translation>
    </message>
    <message>
        <source>column {column}</source>
        <translation>{column} 열</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}</source>
        <translation>{path}을(를) 읽을 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>{rep} has no quota above zero for {period}: no commission computed</source>
        <translation>{rep}의 {period} 할당량이 0보다 크지 않아 커미션을 계산하지 않았습니다</translation>
    </message>
    <message>
        <source>No display found: run Planner in a desktop session (or set QT_QPA_PLATFORM=offscreen)</source>
        <translation>디스플레이를 찾을 수 없습니다. 데스크톱 세션에서 Planner를 실행하세요 (또는 QT_QPA_PLATFORM=offscreen 설정)</translation>
    </message>
    <message>
        <source>{target} is not a database address (expected postgresql://user@host/database)</source>
        <translation>{target}은(는) 데이터베이스 주소가 아닙니다 (예: postgresql://user@host/database)</translation>
    </message>
    <message>
        <source>{target} is not a database address: write @, : and / in a user name or password as %40, %3A and %2F (or leave the password out and set PGPASSWORD)</source>
        <translation>{target}은(는) 데이터베이스 주소가 아닙니다: 사용자 이름이나 비밀번호의 @, :, /는 %40, %3A, %2F로 쓰세요 (또는 비밀번호를 빼고 PGPASSWORD를 설정하세요)</translation>
    </message>
    <message>
        <source>{target} names no database: write postgresql://user@host/database</source>
        <translation>{target}에 데이터베이스 이름이 없습니다: postgresql://user@host/database 형식으로 쓰세요</translation>
    </message>
    <message>
        <source>{target} is not a database address: the port must be a number from 1 to 65535 (postgresql://user@host:5432/database)</source>
        <translation>{target}은(는) 데이터베이스 주소가 아닙니다: 포트는 1부터 65535까지의 숫자여야 합니다 (postgresql://user@host:5432/database)</translation>
    </message>
    <message>
        <source>Unsupported database {scheme}: use a book file or postgresql://…</source>
        <translation>지원하지 않는 데이터베이스 {scheme}: 북 파일이나 postgresql://… 주소를 사용하세요</translation>
    </message>
    <message>
        <source>{path} is damaged: its table(s) {names} are missing</source>
        <translation>{path} 파일이 손상되었습니다: {names} 표가 없습니다</translation>
    </message>
    <message>
        <source>{path} is damaged ({reason}); open a backup copy</source>
        <translation>{path} 파일이 손상되었습니다 ({reason}). 백업 사본을 여세요</translation>
    </message>
    <message>
        <source>{where}: growth {value!r} is below -100% (the forecast would be negative)</source>
        <translation>{where}: 성장률 {value!r}이(가) -100%보다 낮습니다 (예측이 음수가 됩니다)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is an amount in another currency; amounts here are in {currency}</source>
        <translation>{where}: {value!r}은(는) 다른 통화의 금액입니다. 여기의 금액은 {currency} 기준입니다</translation>
    </message>
    <message>
        <source>{where}: {value!r} is ambiguous: write {value}% or {fraction} (a number without % is a fraction: 0.05 is 5%)</source>
        <translation>{where}: {value!r}은(는) 모호합니다: {value}% 또는 {fraction}(으)로 쓰세요 (% 없는 숫자는 비율입니다: 0.05는 5%)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is more than {most} {currency}</source>
        <translation>{where}: {value!r}은(는) {most} {currency}보다 많습니다</translation>
    </message>
    <message>
        <source>{where}: {value!r} is not a growth rate from -100% to 1000% (such as 5% or 0.05)</source>
        <translation>{where}: {value!r}은(는) -100%에서 1000% 사이의 성장률이 아닙니다 (예: 5% 또는 0.05)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is not a number of reps (a whole number from 0 to 10,000)</source>
        <translation>{where}: {value!r}은(는) 담당자 수가 아닙니다 (0부터 10,000까지의 정수)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is not an amount in {currency}</source>
        <translation>{where}: {value!r}은(는) {currency} 금액이 아닙니다</translation>
    </message>
    <message>
        <source>as_of {text!r} is not a date (expected 2026-06-30)</source>
        <translation>as_of {text!r}은(는) 날짜가 아닙니다 (예: 2026-06-30)</translation>
    </message>
    <message>
        <source>{sheet} has {rows:,} rows: an Excel sheet holds at most {limit:,} rows under its header</source>
        <translation>{sheet}에 {rows:,}행이 있습니다: Excel 시트는 헤더 아래에 최대 {limit:,}행까지 담을 수 있습니다</translation>
    </message>
    <message>
        <source>{sheet} {cell}: the formula would be longer than Excel allows; only the app&apos;s value is given</source>
        <translation>{sheet} {cell}: 수식이 Excel 허용 길이보다 깁니다. 앱의 값만 기록합니다</translation>
    </message>
    <message>
        <source>{sheet} row {row}, column {column}: text of {length:,} characters is longer than an Excel cell holds ({limit:,})</source>
        <translation>{sheet} {row}행, {column} 열: {length:,}자 텍스트가 Excel 셀 최대 길이({limit:,})보다 깁니다</translation>
    </message>
    <message>
        <source>This is not a Planner import mapping (no &quot;planner_mapping&quot; key)</source>
        <translation>Planner 가져오기 매핑이 아닙니다 (&quot;planner_mapping&quot; 키 없음)</translation>
    </message>
    <message>
        <source>This import mapping has format {version}; this Planner reads format {known}</source>
        <translation>이 가져오기 매핑의 형식은 {version}입니다. 이 Planner는 형식 {known}을(를) 읽습니다</translation>
    </message>
    <message>
        <source>Mapping: {key!r} must map names to names (such as &quot;Closed Maybe&quot;: &quot;Closed Won&quot;)</source>
        <translation>매핑: {key!r}은(는) 이름을 이름에 대응시켜야 합니다 (예: &quot;Closed Maybe&quot;: &quot;Closed Won&quot;)</translation>
    </message>
    <message>
        <source>Mapping: {source!r} goes to {table!r}, which is not a table (use one of {tables})</source>
        <translation>매핑: {source!r}의 대상 {table!r}은(는) 표이 아닙니다 ({tables} 중 하나를 사용하세요)</translation>
    </message>
    <message>
        <source>Mapping: {table!r} is not a table (use one of {tables})</source>
        <translation>매핑: {table!r}은(는) 표이 아닙니다 ({tables} 중 하나를 사용하세요)</translation>
    </message>
    <message>
        <source>Mapping: {header!r} goes to {column!r}, which is not a column of {table}</source>
        <translation>매핑: {header!r}의 대상 {column!r}은(는) {table}의 열이 아닙니다</translation>
    </message>
    <message>
        <source>Mapping: date_order {value!r} is not auto, mdy or dmy</source>
        <translation>매핑: date_order {value!r}은(는) auto, mdy, dmy 중 하나가 아닙니다</translation>
    </message>
    <message>
        <source>Mapping: date_system {value!r} is not auto, 1900 or 1904</source>
        <translation>매핑: date_system {value!r}은(는) auto, 1900, 1904 중 하나가 아닙니다</translation>
    </message>
    <message>
        <source>{path} is not an import mapping (JSON): {reason}</source>
        <translation>{path}은(는) 가져오기 매핑(JSON)이 아닙니다: {reason}</translation>
    </message>
    <message>
        <source>{file} is an encrypted (password-protected) workbook; encrypted workbooks are not supported: save a copy without a password as .xlsx</source>
        <translation>{file}은(는) 암호화된(암호로 보호된) 통합 문서입니다. 암호화된 통합 문서는 지원되지 않습니다: 암호 없이 .xlsx 사본으로 저장하세요</translation>
    </message>
    <message>
        <source>{file} is an Excel 97-2003 workbook (.xls), which is not supported: save it as .xlsx</source>
        <translation>{file}은(는) Excel 97-2003 통합 문서(.xls)이며 지원되지 않습니다: .xlsx로 저장하세요</translation>
    </message>
    <message>
        <source>{file} is an Excel binary workbook (.xlsb), which is not supported: save it as .xlsx</source>
        <translation>{file}은(는) Excel 바이너리 통합 문서(.xlsb)이며 지원되지 않습니다: .xlsx로 저장하세요</translation>
    </message>
    <message>
        <source>{file} is an OpenDocument spreadsheet (.ods), which is not supported: save it as .xlsx</source>
        <translation>{file}은(는) OpenDocument 스프레드시트(.ods)이며 지원되지 않습니다: .xlsx로 저장하세요</translation>
    </message>
    <message>
        <source>{file} is not an Excel workbook (.xlsx) or a CSV file</source>
        <translation>{file}은(는) Excel 통합 문서(.xlsx)나 CSV 파일이 아닙니다</translation>
    </message>
    <message>
        <source>{file} is a damaged or incomplete workbook (cut short while copied or downloaded?): open it in Excel and save it again, or get a new copy</source>
        <translation>{file}은(는) 손상되었거나 완전하지 않은 통합 문서입니다(복사나 다운로드 중에 잘렸을 수 있습니다): Excel에서 열어 다시 저장하거나 새 사본을 받으세요</translation>
    </message>
    <message>
        <source>{file} is empty (0 bytes)</source>
        <translation>{file}이(가) 비어 있습니다(0바이트)</translation>
    </message>
    <message>
        <source>{file} was refused: it is larger than {limit} MB</source>
        <translation>{file}이(가) 거부되었습니다: {limit}MB보다 큽니다</translation>
    </message>
    <message>
        <source>{file} was refused: it holds more than {limit:,} cells (split it into smaller files)</source>
        <translation>{file}이(가) 거부되었습니다: 셀이 {limit:,}개를 넘습니다 (더 작은 파일로 나누세요)</translation>
    </message>
    <message>
        <source>{file} is damaged: {reason}</source>
        <translation>{file}이(가) 손상되었습니다: {reason}</translation>
    </message>
    <message>
        <source>{file} was refused: it holds more than {limit} parts</source>
        <translation>{file}이(가) 거부되었습니다: 파트가 {limit}개를 넘습니다</translation>
    </message>
    <message>
        <source>{file} was refused: it would expand to more than {limit} MB (a zip bomb?)</source>
        <translation>{file}이(가) 거부되었습니다: 압축을 풀면 {limit}MB를 넘습니다 (zip 폭탄?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} expands {ratio:,}:1, more than {limit}:1 (a zip bomb?)</source>
        <translation>{file}이(가) 거부되었습니다: {part}의 압축률이 {ratio:,}:1로 {limit}:1을 넘습니다 (zip 폭탄?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} is larger than {limit} MB</source>
        <translation>{file}이(가) 거부되었습니다: {part}이(가) {limit}MB보다 큽니다</translation>
    </message>
    <message>
        <source>{file} is damaged: {part} is not well-formed XML ({reason})</source>
        <translation>{file}이(가) 손상되었습니다: {part}은(는) 올바른 XML이 아닙니다 ({reason})</translation>
    </message>
    <message>
        <source>{file} was refused: {part} declares XML entities (&lt;!DOCTYPE), which can exhaust memory (an entity-expansion attack?)</source>
        <translation>{file}이(가) 거부되었습니다: {part}이(가) 메모리를 소진시킬 수 있는 XML 엔터티(&lt;!DOCTYPE)를 선언합니다 (엔터티 확장 공격?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} expands beyond the size it declares (a zip bomb?)</source>
        <translation>{file}이(가) 거부되었습니다: {part}이(가) 선언된 크기를 넘어 확장됩니다 (zip 폭탄?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} does not start like XML</source>
        <translation>{file}이(가) 거부되었습니다: {part}이(가) XML로 시작하지 않습니다</translation>
    </message>
    <message>
        <source>{file} was refused: sheet {part} spans {rows:,} rows × {columns:,} columns, more than {limit:,} cells</source>
        <translation>{file}이(가) 거부되었습니다: {part} 시트가 {rows:,}행 × {columns:,}열에 걸쳐 있어 {limit:,}셀을 넘습니다</translation>
    </message>
    <message>
        <source>{file} was refused: sheet {part} declares {rows:,} rows × {columns:,} columns, more than {limit:,} cells</source>
        <translation>{file}이(가) 거부되었습니다: {part} 시트가 {rows:,}행 × {columns:,}열을 선언하여 {limit:,}셀을 넘습니다</translation>
    </message>
    <message>
        <source>Not changed: {rep} has already won {won} in {period}; an override of {amount} would forecast less than what is already won</source>
        <translation>변경되지 않음: {rep}은(는) {period}에 이미 {won}을(를) 수주했습니다. {amount}(으)로 조정하면 이미 수주한 금액보다 적게 예측됩니다</translation>
    </message>
    <message>
        <source>{value!r} is not a signal of the lead scoring rules</source>
        <translation>{value!r}은(는) 리드 스코어링 규칙의 신호가 아닙니다</translation>
    </message>
    <message>
        <source>{value!r}: a signal counts from 0 to 1,000,000 times</source>
        <translation>{value!r}: 신호 횟수는 0에서 1,000,000 사이여야 합니다</translation>
    </message>
    <message>
        <source>a signal&apos;s name cannot contain &apos;;&apos; or &apos;,&apos;</source>
        <translation>신호 이름에는 &apos;;&apos; 또는 &apos;,&apos;를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>the signal {value!r} has an earlier rule</source>
        <translation>신호 {value!r}에 대한 규칙이 이미 앞에 있습니다</translation>
    </message>
    <message>
        <source>the lead threshold {value!r} is not a whole number of points</source>
        <translation>리드 기준점 {value!r}이(가) 정수 포인트가 아닙니다</translation>
    </message>
    <message>
        <source>scores {score}, below the threshold {threshold}: not converted</source>
        <translation>점수 {score}점으로 기준점 {threshold}점 미만이어서 전환하지 않았습니다</translation>
    </message>
    <message>
        <source>already converted to deal {deal}</source>
        <translation>이미 거래 {deal}(으)로 전환되었습니다</translation>
    </message>
    <message>
        <source>has no owner: choose the rep who will own the deal</source>
        <translation>담당자가 없습니다: 거래를 맡을 영업 담당자를 선택하세요</translation>
    </message>
    <message>
        <source>its signals have a problem; fix them before converting</source>
        <translation>신호에 문제가 있습니다. 전환하기 전에 고치세요</translation>
    </message>
    <message>
        <source>the Stages sheet has no open stage for new deals</source>
        <translation>단계 시트에 새 거래를 위한 진행 중 단계가 없습니다</translation>
    </message>
    <message>
        <source>no lead is selected</source>
        <translation>선택한 리드가 없습니다</translation>
    </message>
    <message>
        <source>This book already records what happened after {day} (up to {latest}): a snapshot dated {day} would use hindsight. Take it dated {latest} or later</source>
        <translation>이 북에는 {day} 이후({latest}까지)에 일어난 일이 이미 기록되어 있습니다. {day} 날짜의 스냅숏은 사후 정보를 쓰게 됩니다. {latest} 이후 날짜로 저장하세요</translation>
    </message>
    <message>
        <source>{path} exists and is not an Excel workbook: it is not replaced (choose another name)</source>
        <translation>{path}은(는) 이미 있으며 Excel 통합 문서가 아닙니다. 바꾸지 않습니다(다른 이름을 고르세요)</translation>
    </message>
    <message>
        <source>{path} is the book being exported: choose another name for the workbook</source>
        <translation>{path}은(는) 내보내는 중인 북입니다. 통합 문서에 다른 이름을 고르세요</translation>
    </message>
    <message>
        <source>{path}: export writes an Excel workbook; give it a name ending in .xlsx ({suggested})</source>
        <translation>{path}: 내보내기는 Excel 통합 문서를 씁니다. 이름을 .xlsx로 끝나게 하세요 ({suggested})</translation>
    </message>
    <message>
        <source>the output could not be written: {reason}</source>
        <translation>출력을 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Not a change Planner can read: {detail}</source>
        <translation>Planner가 읽을 수 있는 변경이 아닙니다: {detail}</translation>
    </message>
    <message>
        <source>This book has no place to be saved yet: save it with Save As</source>
        <translation>이 북은 아직 저장할 위치가 없습니다. [다른 이름으로 저장]으로 저장하세요</translation>
    </message>
    <message>
        <source>{flag} must be a year such as 2027, not {value!r}</source>
        <translation>{flag}은(는) 2027 같은 연도여야 합니다 ({value!r} 아님)</translation>
    </message>
    <message>
        <source>--productivity {value!r}: write ROLE=AMOUNT, e.g. &quot;Account executive=400000&quot;</source>
        <translation>--productivity {value!r}: 역할=금액 형식으로 쓰세요. 예: &quot;Account executive=400000&quot;</translation>
    </message>
    <message>
        <source>--productivity: no rep has the role {role!r} (the roles: {roles})</source>
        <translation>--productivity: 역할이 {role!r}인 담당자가 없습니다 (역할: {roles})</translation>
    </message>
    <message>
        <source>{path}: a CSV file of two columns, rep and weight, is expected</source>
        <translation>{path}: 담당자와 가중치 두 열의 CSV 파일이어야 합니다</translation>
    </message>
    <message>
        <source>{path}, row {row}: {message}</source>
        <translation>{path}, {row}행: {message}</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes with --apply to write this plan</source>
        <translation>{book}은(는) 변경되지 않았습니다: 이 계획을 기록하려면 --apply와 함께 --yes를 지정하세요</translation>
    </message>
    <message>
        <source>{book} was changed by someone else while the plan was made; nothing was written: run the command again</source>
        <translation>계획을 만드는 동안 다른 사람이 {book}을(를) 변경했습니다. 아무것도 기록하지 않았습니다. 명령을 다시 실행하세요</translation>
    </message>
    <message>
        <source>seasonality from history needs a basis year that is over: {basis} is not over on {as_of} (use --basis {before})</source>
        <translation>이력 기반 계절성에는 끝난 기준 연도가 필요합니다: {as_of} 기준으로 {basis}년은 아직 끝나지 않았습니다 (--basis {before} 사용)</translation>
    </message>
    <message>
        <source>no deal was won in {basis}: weights by won revenue and seasonality from history need a basis year with wins (use --basis, or equal weights and flat seasonality)</source>
        <translation>{basis}년에 수주한 거래가 없습니다: 수주 매출 가중치와 이력 기반 계절성에는 수주가 있는 기준 연도가 필요합니다 (--basis를 쓰거나 균등 가중치와 균일 계절성을 사용)</translation>
    </message>
    <message>
        <source>seasonality from history needs a basis year that is over: {basis} is not over on {as_of} (choose {before} or earlier as the Basis year)</source>
        <translation>이력 기반 계절성에는 끝난 기준 연도가 필요합니다: {as_of} 기준으로 {basis}년은 아직 끝나지 않았습니다 (기준 연도를 {before}년 이전으로 선택하세요)</translation>
    </message>
    <message>
        <source>no deal was won in {basis}: weights by won revenue and seasonality from history need a basis year with wins (choose another Basis year, or Equal weights and Flat seasonality)</source>
        <translation>{basis}년에 수주한 거래가 없습니다: 수주 매출 가중치와 이력 기반 계절성에는 수주가 있는 기준 연도가 필요합니다 (다른 기준 연도를 고르거나, 가중치는 균등, 계절성은 균일을 선택하세요)</translation>
    </message>
    <message>
        <source>the year must be from {low} to {high}, not {year}</source>
        <translation>연도는 {low}부터 {high}까지여야 합니다 ({year} 아님)</translation>
    </message>
    <message>
        <source>the target must be zero or more</source>
        <translation>목표는 0 이상이어야 합니다</translation>
    </message>
    <message>
        <source>the target × over-assignment must be at most {high} {currency}</source>
        <translation>목표 × 초과 배정은 최대 {high} {currency}여야 합니다</translation>
    </message>
    <message>
        <source>over-assignment must be above 0% and at most 1000% (110% or 1.10)</source>
        <translation>초과 배정은 0%보다 크고 1000% 이하여야 합니다 (110% 또는 1.10)</translation>
    </message>
    <message>
        <source>unknown weights {value!r}: use equal, won or hand:FILE (the book has no territory potential column)</source>
        <translation>알 수 없는 가중치 {value!r}: equal, won, hand:FILE 중 하나를 사용하세요 (북에 지역 잠재력 열이 없습니다)</translation>
    </message>
    <message>
        <source>unknown seasonality {value!r}: use flat, history or hand</source>
        <translation>알 수 없는 계절성 {value!r}: flat, history, hand 중 하나를 사용하세요</translation>
    </message>
    <message>
        <source>the closed months of {year} ({periods}) hold quotas of {kept} already, more than the {assigned} to assign (target × over-assignment): raise the target, or reopen {periods}</source>
        <translation>{year}년의 마감된 달({periods})에 이미 {kept}의 할당량이 있어, 배정할 {assigned}(목표 × 초과 배정)보다 많습니다: 목표를 올리거나 {periods}을(를) 다시 여세요</translation>
    </message>
    <message>
        <source>every month of {year} is closed ({periods}): nothing is left to plan</source>
        <translation>{year}년의 모든 달이 마감되었습니다({periods}): 계획할 달이 남아 있지 않습니다</translation>
    </message>
    <message>
        <source>seasonality by hand needs 12 numbers of zero or more, not all zero</source>
        <translation>직접 입력하는 계절성에는 0 이상의 숫자 12개가 필요합니다 (모두 0이면 안 됨)</translation>
    </message>
    <message>
        <source>a ramp is at most {months} monthly steps, each from 0% to 100%</source>
        <translation>램프는 최대 {months}개월 단계이며, 각 단계는 0%에서 100% 사이입니다</translation>
    </message>
    <message>
        <source>{flag} {value!r} is not an amount in {currency}</source>
        <translation>{flag} {value!r}은(는) {currency} 금액이 아닙니다</translation>
    </message>
    <message>
        <source>{flag}: type an amount in {currency}</source>
        <translation>{flag}: {currency} 금액을 입력하세요</translation>
    </message>
    <message>
        <source>{flag} {value!r} is an amount in {other}; amounts here are in {currency}</source>
        <translation>{flag} {value!r}은(는) {other} 금액입니다. 여기의 금액은 {currency} 기준입니다</translation>
    </message>
    <message>
        <source>{flag}: {value!r} is not a number</source>
        <translation>{flag}: {value!r}은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>ramp: {value!r} is not a percentage (write 25 or 25%)</source>
        <translation>램프: {value!r}은(는) 백분율이 아닙니다 (25 또는 25%로 쓰세요)</translation>
    </message>
    <message>
        <source>weights by hand must be zero or more</source>
        <translation>직접 입력한 가중치는 0 이상이어야 합니다</translation>
    </message>
    <message>
        <source>weights by hand: no weight for {reps}</source>
        <translation>직접 입력한 가중치: {reps}의 가중치가 없습니다</translation>
    </message>
    <message>
        <source>weights by hand: no weight for {reps} and {more} more</source>
        <translation>직접 입력한 가중치: {reps} 외 {more}명의 가중치가 없습니다</translation>
    </message>
    <message>
        <source>nothing to spread the target over: no rep active in {year} has a weight above zero</source>
        <translation>목표를 배분할 대상이 없습니다: {year}년에 근무하는 담당자 중 가중치가 0보다 큰 사람이 없습니다</translation>
    </message>
    <message>
        <source>{reps}: less than a quarter of {basis} to judge by, weighted at their role&apos;s mean run rate</source>
        <translation>{reps}: {basis}년 근무 기간이 한 분기 미만이라 역할의 평균 연환산 실적으로 가중했습니다</translation>
    </message>
    <message>
        <source>{reps} keep their own quarter or year Quotas rows of {year}: those rows, not the planned months, stay their quarter and year quotas</source>
        <translation>{reps}에게는 {year}년의 분기 또는 연간 할당량 행이 남아 있습니다: 계획한 월이 아니라 그 행이 분기·연간 할당량이 됩니다</translation>
    </message>
    <message>
        <source>teams {teams} have Quotas rows of their own in {year}: those rows win over their reps&apos; planned months</source>
        <translation>{teams} 팀에는 {year}년의 자체 할당량 행이 있습니다: 담당자의 계획된 월보다 그 행이 우선합니다</translation>
    </message>
    <message>
        <source>nothing was won in {months} of {basis}: seasonality from history gives those months no quota (choose flat or by hand to give them one)</source>
        <translation>{basis}년의 {months}에는 수주가 없었습니다: 실적 기준 계절성은 그 달들에 할당량을 주지 않습니다(할당량을 주려면 균등 또는 직접 입력을 선택하세요)</translation>
    </message>
    <message>
        <source>{periods} closed: the quotas of {months} are kept as they are ({kept}); the rest of the year, {rest}, is spread over the open months</source>
        <translation>{periods} 마감됨: {months}의 할당량은 그대로 유지됩니다({kept}). 연간 나머지 {rest}은(는) 열린 달에 나누어 배정됩니다</translation>
    </message>
    <message>
        <source>no productivity for {roles}: their reps count for nothing in capacity</source>
        <translation>{roles}의 생산성이 없습니다: 해당 담당자는 역량에 반영되지 않습니다</translation>
    </message>
    <message>
        <source>{book} has no rep with the id or name {rep!r}</source>
        <translation>{book}에 ID나 이름이 {rep!r}인 담당자가 없습니다</translation>
    </message>
    <message>
        <source>{rep} has no commission statement for {period}: not on a plan, or not employed then</source>
        <translation>{rep}의 {period} 커미션 명세서가 없습니다: 플랜이 없거나 그 기간에 재직하지 않았습니다</translation>
    </message>
    <message>
        <source>{book} was changed by someone else while the close was planned; nothing was done: run the command again</source>
        <translation>마감을 준비하는 동안 다른 사람이 {book}을(를) 변경했습니다. 아무것도 하지 않았습니다: 명령을 다시 실행하세요</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes to {action} {period}, or --dry-run to only show what it does</source>
        <translation>{book}은(는) 변경되지 않았습니다: {period} {action}을(를) 실행하려면 --yes를, 내용만 보려면 --dry-run을 지정하세요</translation>
    </message>
    <message>
        <source>{period} cannot be closed: it has not ended on {as_of} (the book&apos;s date)</source>
        <translation>{period}은(는) 마감할 수 없습니다: 장부 기준일 {as_of}에 아직 끝나지 않았습니다</translation>
    </message>
    <message>
        <source>{period} is already closed (on {at} by {by})</source>
        <translation>{period}은(는) 이미 마감되었습니다({at}, {by})</translation>
    </message>
    <message>
        <source>{period} is already closed as part of {closed}</source>
        <translation>{period}은(는) {closed}의 일부로 이미 마감되었습니다</translation>
    </message>
    <message>
        <source>{period} is closed as part of {closed}: reopen {closed} instead</source>
        <translation>{period}은(는) {closed}의 일부로 마감되었습니다: 대신 {closed}의 마감을 해제하세요</translation>
    </message>
    <message>
        <source>{period} lies inside {closed}, which is closed too: reopen {closed} first</source>
        <translation>{period}은(는) 역시 마감된 {closed} 안에 있습니다: 먼저 {closed}의 마감을 해제하세요</translation>
    </message>
    <message>
        <source>{period} is not closed: there is nothing to reopen</source>
        <translation>{period}은(는) 마감되지 않았습니다: 다시 열 것이 없습니다</translation>
    </message>
    <message>
        <source>{period} cannot be closed while {count} problem(s) touch it</source>
        <translation>문제 {count}건이 관련되어 있어 {period}을(를) 마감할 수 없습니다</translation>
    </message>
    <message>
        <source>this would change the figures of {period}, which is closed: reopen {period} first, or date the change after it</source>
        <translation>마감된 {period}의 수치가 바뀝니다: 먼저 {period}을(를) 다시 열거나, 변경 날짜를 그 이후로 하세요</translation>
    </message>
    <message>
        <source>closed periods and their ledger lines are never changed or deleted: reopen the period instead</source>
        <translation>마감된 기간과 그 원장 줄은 변경하거나 삭제할 수 없습니다: 대신 기간을 다시 여세요</translation>
    </message>
    <message>
        <source>{path} exists and is not a PDF file: it is not replaced (choose another name)</source>
        <translation>{path}이(가) 이미 있으며 PDF 파일이 아닙니다: 바꾸지 않습니다 (다른 이름을 고르세요)</translation>
    </message>
    <message>
        <source>{path}: statements are written as a PDF file; give it a name ending in .pdf ({suggested})</source>
        <translation>{path}: 명세서는 PDF 파일로 저장됩니다. 이름이 .pdf로 끝나게 하세요 ({suggested})</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>파일이나 폴더가 없습니다</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>권한이 없습니다</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>디스크가 가득 찼습니다</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>디스크 할당량을 다 썼습니다</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>디스크가 읽기 전용입니다</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>폴더입니다</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>경로의 일부가 폴더가 아닙니다</translation>
    </message>
    <message>
        <source>it exists already</source>
        <translation>이미 있습니다</translation>
    </message>
    <message>
        <source>it is in use</source>
        <translation>사용 중입니다</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>이름이 너무 깁니다</translation>
    </message>
    <message>
        <source>the disk could not be read or written</source>
        <translation>디스크를 읽거나 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Plan {plan} has a problem (see the Problems panel): it pays nothing until it is fixed</source>
        <translation>플랜 {plan}에 문제가 있습니다(문제 패널 참조). 고칠 때까지 아무것도 지급하지 않습니다</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes with --apply to set the observed win rates</source>
        <translation>{book}은(는) 바뀌지 않았습니다: 관측된 수주율을 적용하려면 --apply와 함께 --yes를 지정하세요</translation>
    </message>
    <message>
        <source>--from {first} comes after --to {last}</source>
        <translation>--from {first}이(가) --to {last}보다 뒤입니다</translation>
    </message>
    <message>
        <source>--from {first} and --to {last}: both months or both quarters are expected</source>
        <translation>--from {first}와(과) --to {last}: 둘 다 월이거나 둘 다 분기여야 합니다</translation>
    </message>
    <message>
        <source>{value}: a month (2017-01) or a quarter (2017-Q1) is expected</source>
        <translation>{value}: 월(2017-01) 또는 분기(2017-Q1)가 필요합니다</translation>
    </message>
    <message>
        <source>the book has no deal with a created or closed date to backtest</source>
        <translation>백테스트할 생성일 또는 종료일이 있는 거래가 없습니다</translation>
    </message>
    <message>
        <source>this plan assignment overlaps the rep&apos;s assignment from {other}: a rep is on one plan a day</source>
        <translation>이 플랜 배정이 {other}부터의 배정과 겹칩니다: 담당자는 하루에 한 플랜에만 속합니다</translation>
    </message>
    <message>
        <source>Figures as of {day}: deals as they stood that day, with amounts as the Amount history records them (an amount changed before the book recorded amounts counts as today&apos;s)</source>
        <translation>{day} 기준 수치: 그날의 거래 상태와 금액 이력에 기록된 금액을 씁니다 (북이 금액을 기록하기 전에 바뀐 금액은 현재 금액으로 계산합니다)</translation>
    </message>
    <message>
        <source>the currency cannot change from {old} to {new} while the book holds amounts: {new} has {digits} decimal places, so every amount would change ({one} {old} would read {shown} {new}); to read amounts in {new}, import the files again with the currency chosen</source>
        <translation>북에 금액이 있는 동안에는 통화를 {old}에서 {new}(으)로 바꿀 수 없습니다: {new}의 소수 자릿수는 {digits}자리라서 모든 금액이 바뀝니다 ({one} {old}이(가) {shown} {new}(으)로 읽힘). 금액을 {new}(으)로 읽으려면 통화를 선택해 파일을 다시 가져오세요</translation>
    </message>
    <message>
        <source>{target} is open in another Planner ({who}) since {since}</source>
        <translation>{target}은(는) 다른 Planner({who})에서 {since}부터 열려 있습니다</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>{label} (app)</source>
        <translation>{label} (앱)</translation>
    </message>
    <message>
        <source>Agrees</source>
        <translation>일치</translation>
    </message>
    <message>
        <source>Planner export</source>
        <translation>Planner 내보내기</translation>
    </message>
    <message>
        <source>Planner export: {company}</source>
        <translation>Planner 내보내기: {company}</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>기준일</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>내보낸 시각</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>반올림</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Formula checks that disagree</source>
        <translation>일치하지 않는 수식 검사</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>Each computed sheet holds live formulas over the input sheets (Deals, Splits, Quotas, Stages, Plans, PlanTiers, PlanBonuses), Planner&apos;s value beside each formula (the &quot;(app)&quot; columns) and an Agrees column: TRUE when every formula of the row equals Planner&apos;s value to the minor unit.</source>
        <translation>계산 시트마다 입력 시트(Deals, Splits, Quotas, Stages, Plans, PlanTiers, PlanBonuses)를 참조하는 수식이 있고, 각 수식 옆에 Planner가 계산한 값(&quot;(앱)&quot; 열)과 일치 열이 있습니다. 행의 모든 수식이 Planner의 값과 최소 통화 단위까지 같으면 TRUE입니다.</translation>
    </message>
    <message>
        <source>Money is in {currency}; formulas round as the book does ({rounding}).</source>
        <translation>금액 단위는 {currency}이며, 수식은 북과 같은 방식({rounding})으로 반올림합니다.</translation>
    </message>
    <message>
        <source>CreditLines credit each won deal to its owner, or to the reps of its Splits rows by their shares, in the period it closed, and reverse it in the period it was cancelled; attainment and commissions sum them.</source>
        <translation>CreditLines는 수주한 거래를 마감된 기간에 담당자에게, 또는 Splits 행의 담당자들에게 비율대로 인정하고, 취소된 기간에 되돌립니다. 달성률과 커미션은 이 행들을 합산합니다.</translation>
    </message>
    <message>
        <source>Statements hold each payout&apos;s lines: every credited deal on each tier of the rep&apos;s plan (and its retroactive lift), its clawback, the cap and the bonuses. Change an amount, a cancellation date, a share, a quota or a rate on the input sheets and the credit, attainment and commissions follow (Agrees turns FALSE where they leave Planner&apos;s values).</source>
        <translation>Statements에는 지급 건마다 내역이 있습니다: 인정된 거래마다 담당자 플랜의 각 구간(과 소급 인상), 환수, 상한, 보너스. 입력 시트에서 금액, 취소일, 비율, 할당량, 요율을 바꾸면 인정 실적, 달성률, 커미션이 따라 바뀝니다(Planner의 값과 달라지면 일치가 FALSE가 됩니다).</translation>
    </message>
</context>
<context>
    <name>quadrants</name>
    <message>
        <source>Rising star</source>
        <translation>떠오르는 스타</translation>
    </message>
    <message>
        <source>Falling star</source>
        <translation>하락하는 스타</translation>
    </message>
    <message>
        <source>Improving laggard</source>
        <translation>개선 중인 부진자</translation>
    </message>
    <message>
        <source>Worsening laggard</source>
        <translation>악화 중인 부진자</translation>
    </message>
</context>
<context>
    <name>schema</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>설정 항목</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Stage calibration</source>
        <translation>단계 보정</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Probability (book)</source>
        <translation>확률 (장부)</translation>
    </message>
    <message>
        <source>Deals in the stage</source>
        <translation>이 단계를 거친 거래</translation>
    </message>
    <message>
        <source>Later won</source>
        <translation>이후 수주</translation>
    </message>
    <message>
        <source>Later lost</source>
        <translation>이후 실주</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Observed win rate</source>
        <translation>관측된 수주율</translation>
    </message>
    <message>
        <source>95% interval, low</source>
        <translation>95% 구간 하한</translation>
    </message>
    <message>
        <source>95% interval, high</source>
        <translation>95% 구간 상한</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>순서</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Exit criteria</source>
        <translation>다음 단계 기준</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>영업 담당자</translation>
    </message>
    <message>
        <source>Stage conversion</source>
        <translation>단계 전환율</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>도달</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>다음 단계 진행</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>전환율</translation>
    </message>
    <message>
        <source>Conversion (cohort)</source>
        <translation>전환율(코호트)</translation>
    </message>
    <message>
        <source>Average won deal</source>
        <translation>평균 수주 금액</translation>
    </message>
    <message>
        <source>Velocity per day</source>
        <translation>일일 파이프라인 속도</translation>
    </message>
    <message>
        <source>Open value expected in period</source>
        <translation>기간 내 마감 예정 금액</translation>
    </message>
    <message>
        <source>Quota remaining</source>
        <translation>남은 할당량</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>커버리지</translation>
    </message>
    <message>
        <source>Pipeline by rep</source>
        <translation>담당자별 파이프라인</translation>
    </message>
    <message>
        <source>Pipeline by team</source>
        <translation>팀별 파이프라인</translation>
    </message>
    <message>
        <source>Category forecast by rep</source>
        <translation>담당자별 카테고리 예측</translation>
    </message>
    <message>
        <source>Rep ID</source>
        <translation>담당자 ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>수주</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>커밋</translation>
    </message>
    <message>
        <source>Commit override</source>
        <translation>커밋 조정</translation>
    </message>
    <message>
        <source>Best case</source>
        <translation>최선의 경우</translation>
    </message>
    <message>
        <source>Best case override</source>
        <translation>최선의 경우 조정</translation>
    </message>
    <message>
        <source>Created deals</source>
        <translation>생성된 거래</translation>
    </message>
    <message>
        <source>Won deals</source>
        <translation>수주 거래</translation>
    </message>
    <message>
        <source>Won value</source>
        <translation>수주 금액</translation>
    </message>
    <message>
        <source>Lost deals</source>
        <translation>실주 거래</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>수주율</translation>
    </message>
    <message>
        <source>Average sales cycle (days)</source>
        <translation>평균 영업 주기(일)</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>플랜</translation>
    </message>
    <message>
        <source>Clawback window (days)</source>
        <translation>환수 기간(일)</translation>
    </message>
    <message>
        <source>Base salary (year)</source>
        <translation>기본급 (연)</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>Parent team</source>
        <translation>상위 팀</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>거래</translation>
    </message>
    <message>
        <source>Deal ID</source>
        <translation>거래 ID</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>거래명</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>고객사</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성일</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>예상 종료일</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>제품</translation>
    </message>
    <message>
        <source>Deal type</source>
        <translation>거래 유형</translation>
    </message>
    <message>
        <source>Forecast category</source>
        <translation>예측 분류</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소일</translation>
    </message>
    <message>
        <source>Stage history</source>
        <translation>단계 이력</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>진입일</translation>
    </message>
    <message>
        <source>Amount history</source>
        <translation>금액 이력</translation>
    </message>
    <message>
        <source>Changed on</source>
        <translation>변경일</translation>
    </message>
    <message>
        <source>Amount before</source>
        <translation>변경 전 금액</translation>
    </message>
    <message>
        <source>Currency before</source>
        <translation>변경 전 통화</translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation>할당량</translation>
    </message>
    <message>
        <source>% of base salary</source>
        <translation>기본급 대비 비율</translation>
    </message>
    <message>
        <source>Plan multipliers</source>
        <translation>플랜 배수</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>배수</translation>
    </message>
    <message>
        <source>SPIFFs</source>
        <translation>SPIFF 인센티브</translation>
    </message>
    <message>
        <source>To</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>SPIFF</source>
        <translation>SPIFF</translation>
    </message>
    <message>
        <source>Plan assignments</source>
        <translation>플랜 배정</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>종료일(포함)</translation>
    </message>
    <message>
        <source>Plan draws</source>
        <translation>플랜 드로우</translation>
    </message>
    <message>
        <source>Draw per period</source>
        <translation>기간별 드로우</translation>
    </message>
    <message>
        <source>Recoverable</source>
        <translation>회수 가능</translation>
    </message>
    <message>
        <source>Target incentive (year)</source>
        <translation>목표 인센티브(연)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>개정</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>시각(UTC)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>처리자</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>원장</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>마감</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>구간</translation>
    </message>
    <message>
        <source>Adjusts</source>
        <translation>조정 대상</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Draw balance</source>
        <translation>드로우 잔액</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>명세서</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Tier (attainment)</source>
        <translation>구간 (달성률)</translation>
    </message>
    <message>
        <source>Forecast accuracy</source>
        <translation>예측 정확도</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>Taken on</source>
        <translation>저장일</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>백테스트</translation>
    </message>
    <message>
        <source>Rep or team</source>
        <translation>담당자 또는 팀</translation>
    </message>
    <message>
        <source>Lead (periods)</source>
        <translation>선행 기간</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>예측일</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Actual (won)</source>
        <translation>실적(수주)</translation>
    </message>
    <message>
        <source>Forecast − actual</source>
        <translation>예측 − 실적</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Best (1: most accurate of the period)</source>
        <translation>최고 (1: 해당 기간 가장 정확)</translation>
    </message>
    <message>
        <source>Backtest by method</source>
        <translation>방법별 백테스트</translation>
    </message>
    <message>
        <source>Periods judged</source>
        <translation>평가 기간 수</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>순위</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Accuracy by method</source>
        <translation>방식별 정확도</translation>
    </message>
    <message>
        <source>Closed periods</source>
        <translation>마감된 기간</translation>
    </message>
    <message>
        <source>Average accuracy</source>
        <translation>평균 정확도</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>Mean absolute % error</source>
        <translation>평균 절대 백분율 오차</translation>
    </message>
    <message>
        <source>Times best</source>
        <translation>최고 횟수</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>페이싱</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>예상 실적</translation>
    </message>
    <message>
        <source>Team pacing</source>
        <translation>팀 페이싱</translation>
    </message>
    <message>
        <source>Reps at quota</source>
        <translation>할당량 달성 담당자</translation>
    </message>
    <message>
        <source>At quota</source>
        <translation>달성</translation>
    </message>
    <message>
        <source>With a quota</source>
        <translation>할당량 보유</translation>
    </message>
    <message>
        <source>% at quota</source>
        <translation>달성 비율</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>연초 대비 누계</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>할당량</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>보상 플랜</translation>
    </message>
    <message>
        <source>Measured per</source>
        <translation>정산 단위</translation>
    </message>
    <message>
        <source>Commission cap</source>
        <translation>커미션 상한</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Plan tiers</source>
        <translation>플랜 구간</translation>
    </message>
    <message>
        <source>From attainment</source>
        <translation>달성률 시작</translation>
    </message>
    <message>
        <source>To attainment</source>
        <translation>달성률 끝</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>요율</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방식</translation>
    </message>
    <message>
        <source>Plan bonuses</source>
        <translation>플랜 보너스</translation>
    </message>
    <message>
        <source>At attainment</source>
        <translation>달성률 기준</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>보너스</translation>
    </message>
    <message>
        <source>Splits</source>
        <translation>실적 분할</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>비율</translation>
    </message>
    <message>
        <source>Pipeline by stage</source>
        <translation>단계별 파이프라인</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>진행 중 거래</translation>
    </message>
    <message>
        <source>Open value</source>
        <translation>진행 중 금액</translation>
    </message>
    <message>
        <source>Weighted value</source>
        <translation>가중 금액</translation>
    </message>
    <message>
        <source>Team attainment</source>
        <translation>팀 달성률</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>달성률</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>인정 실적</translation>
    </message>
    <message>
        <source>Forecast overrides</source>
        <translation>예측 조정</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>조정값</translation>
    </message>
    <message>
        <source>Set on</source>
        <translation>조정일</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>조정자</translation>
    </message>
    <message>
        <source>Forecast snapshots</source>
        <translation>예측 스냅샷</translation>
    </message>
    <message>
        <source>Lead scoring rules</source>
        <translation>리드 스코어링 규칙</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>신호</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>포인트</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>리드</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>회사</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>신호</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>커미션</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>커미션</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Commission lines</source>
        <translation>커미션 내역</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>기준 금액</translation>
    </message>
    <message>
        <source>Lead scores</source>
        <translation>리드 점수</translation>
    </message>
    <message>
        <source>Lead ID</source>
        <translation>리드 ID</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>영업 적격</translation>
    </message>
    <message>
        <source>Converted deal</source>
        <translation>전환된 거래</translation>
    </message>
    <message>
        <source>Points per signal</source>
        <translation>신호별 포인트</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>Quota (reps)</source>
        <translation>할당량 (담당자 합계)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>목표</translation>
    </message>
    <message>
        <source>Open deals weighted</source>
        <translation>진행 중 거래 가중</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>단계 가중</translation>
    </message>
    <message>
        <source>Won + all open deals expected</source>
        <translation>수주 + 예상되는 모든 진행 중 거래</translation>
    </message>
    <message>
        <source>Row in Deals</source>
        <translation>Deals의 행</translation>
    </message>
    <message>
        <source>Order (same day)</source>
        <translation>순서 (같은 날)</translation>
    </message>
    <message>
        <source>Row in CreditLines</source>
        <translation>CreditLines의 행</translation>
    </message>
    <message>
        <source>Commissions row</source>
        <translation>Commissions의 행</translation>
    </message>
    <message>
        <source>Credited before</source>
        <translation>이전 인정 실적</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>시트</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Forecast: won</source>
        <translation>예측: 수주</translation>
    </message>
    <message>
        <source>Forecast: open deals weighted</source>
        <translation>예측: 진행 중 거래 가중</translation>
    </message>
    <message>
        <source>Forecast: stage-weighted</source>
        <translation>예측: 단계 가중</translation>
    </message>
    <message>
        <source>Forecast: commit</source>
        <translation>예측: 커밋</translation>
    </message>
    <message>
        <source>Forecast: best case</source>
        <translation>예측: 최선의 경우</translation>
    </message>
    <message>
        <source>Forecast: won + all open deals expected</source>
        <translation>예측: 수주 + 예상되는 모든 진행 중 거래</translation>
    </message>
    <message>
        <source>Rep quadrants</source>
        <translation>담당자 사분면</translation>
    </message>
    <message>
        <source>Last quarter</source>
        <translation>전 분기</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변화</translation>
    </message>
    <message>
        <source>Quadrant</source>
        <translation>사분면</translation>
    </message>
</context>
<context>
    <name>statements</name>
    <message>
        <source>adjusts {period}</source>
        <translation>{period} 조정</translation>
    </message>
    <message>
        <source>adjusts {period}, cancelled</source>
        <translation>{period} 조정, 취소됨</translation>
    </message>
    <message>
        <source>adjusts {period}, recomputed</source>
        <translation>{period} 조정, 재계산</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <source>open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>won</source>
        <translation>수주</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>실주</translation>
    </message>
    <message>
        <source>new</source>
        <translation>신규</translation>
    </message>
    <message>
        <source>renewal</source>
        <translation>갱신</translation>
    </message>
    <message>
        <source>upsell</source>
        <translation>업셀</translation>
    </message>
    <message>
        <source>pipeline</source>
        <translation>파이프라인</translation>
    </message>
    <message>
        <source>best_case</source>
        <translation>최선의 경우</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>커밋</translation>
    </message>
    <message>
        <source>omitted</source>
        <translation>제외</translation>
    </message>
    <message>
        <source>month</source>
        <translation>월</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>분기</translation>
    </message>
    <message>
        <source>year</source>
        <translation>연</translation>
    </message>
    <message>
        <source>marginal</source>
        <translation>구간별</translation>
    </message>
    <message>
        <source>retroactive</source>
        <translation>소급</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>구간</translation>
    </message>
    <message>
        <source>retro_lift</source>
        <translation>소급 인상</translation>
    </message>
    <message>
        <source>cap</source>
        <translation>상한</translation>
    </message>
    <message>
        <source>bonus</source>
        <translation>보너스</translation>
    </message>
    <message>
        <source>clawback</source>
        <translation>환수</translation>
    </message>
    <message>
        <source>spiff</source>
        <translation>SPIFF</translation>
    </message>
    <message>
        <source>draw</source>
        <translation>드로우</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>조정</translation>
    </message>
    <message>
        <source>draw_recovery</source>
        <translation>드로우 회수</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>단계 가중</translation>
    </message>
    <message>
        <source>historical</source>
        <translation>과거 실적 기반</translation>
    </message>
    <message>
        <source>cycle_length</source>
        <translation>영업 주기 기반</translation>
    </message>
    <message>
        <source>commit_override</source>
        <translation>조정 반영 커밋</translation>
    </message>
    <message>
        <source>best_case_override</source>
        <translation>조정 반영 최선의 경우</translation>
    </message>
    <message>
        <source>close</source>
        <translation>마감</translation>
    </message>
    <message>
        <source>reopen</source>
        <translation>다시 열기</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>recomputed</source>
        <translation>재계산</translation>
    </message>
    <message>
        <source>nothing was won in the period: accuracy is undefined</source>
        <translation>기간 중 수주가 없어 정확도를 계산할 수 없습니다</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
</context>
</TS>
