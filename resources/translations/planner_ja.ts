<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AttainmentPanel</name>
    <message>
        <source>Reps</source>
        <translation>営業担当者</translation>
    </message>
    <message>
        <source>Pacing: projected end-of-period attainment at the current run rate</source>
        <translation>ペーシング：現在のペースで見込む期末達成率</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Rep quadrants</source>
        <translation>担当者の四象限</translation>
    </message>
    <message>
        <source>Rep quadrants, %1 (rising star: at quota and up on last quarter)</source>
        <translation>担当者の四象限、%1（ライジングスター：ノルマ達成かつ前四半期より増加）</translation>
    </message>
    <message>
        <source>No data for %1 yet: it begins after %2 (as of).</source>
        <translation>%1のデータはまだありません：基準日 %2 より後に始まります。</translation>
    </message>
    <message>
        <source>%1 in progress: day %2 of %3 as of %4. Pacing is the attainment projected to the period&apos;s end at the current run rate.</source>
        <translation>%1 進行中：%4 時点で %3 日中 %2 日目。ペーシングは現在のペースで見込む期末達成率です。</translation>
    </message>
    <message>
        <source>%1 has ended (as of %2).</source>
        <translation>%1 は終了しました（%2 時点）。</translation>
    </message>
    <message>
        <source>Reps at quota: %1 of %2 (%3)</source>
        <translation>ノルマ達成の担当者：%2 人中 %1 人（%3）</translation>
    </message>
    <message>
        <source>Year to date: %1 of quota %2 (%3)</source>
        <translation>年初来：ノルマ %2 に対し %1（%3）</translation>
    </message>
    <message>
        <source>The charts could not be drawn: %1</source>
        <translation>グラフを描画できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>Deal</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>ステージ滞在日数</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>Double-click a deal (or press Enter) to open it in Deals</source>
        <translation>商談をダブルクリック (または Enter) すると商談シートで開きます</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>要注意 (%1)</translation>
    </message>
</context>
<context>
    <name>BacktestPanel</name>
    <message>
        <source>Made on the period&apos;s first day</source>
        <translation>期間の初日に作成</translation>
    </message>
    <message>
        <source>Made one period before</source>
        <translation>1期間前に作成</translation>
    </message>
    <message>
        <source>Run backtest</source>
        <translation>バックテストを実行</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Forecasts</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Bias above 0: the method forecast too much; below 0: too little</source>
        <translation>バイアスが 0 より上: 予測が多すぎ、0 より下: 少なすぎ</translation>
    </message>
    <message>
        <source>By method, the most accurate first</source>
        <translation>方式別 (精度の高い順)</translation>
    </message>
    <message>
        <source>Apply observed rates</source>
        <translation>実績の受注率を適用</translation>
    </message>
    <message>
        <source>Set each open stage&apos;s probability to its observed win rate (one undo step)</source>
        <translation>進行中の各ステージの確度を実績の受注率に設定します (1 回で元に戻せます)</translation>
    </message>
    <message>
        <source>Stage calibration: won ÷ decided of the deals that reached each stage, with its 95% interval</source>
        <translation>ステージの較正: 各ステージに到達した商談の 受注 ÷ 決着 (95% 区間付き)</translation>
    </message>
    <message>
        <source>Replaying every method at each period from %1 to %2…</source>
        <translation>%1 から %2 までの各期間で全方式を再現中…</translation>
    </message>
    <message>
        <source>%1 to %2: %3 periods, deals as they stood on each day, at that day&apos;s amounts</source>
        <translation>%1〜%2：%3期間、各日の案件の状態とその日の金額</translation>
    </message>
    <message>
        <source>Nothing was won in these periods: no method can be judged.</source>
        <translation>この期間には受注がありません: どの方式も評価できません。</translation>
    </message>
    <message>
        <source>The chart could not be drawn: %1</source>
        <translation>グラフを描画できませんでした: %1</translation>
    </message>
    <message>
        <source>Every stage already has its observed win rate: nothing to change</source>
        <translation>すべてのステージがすでに実績の受注率です: 変更はありません</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>Set these stages&apos; probabilities to their observed win rates?</source>
        <translation>次のステージの確度を実績の受注率に設定しますか?</translation>
    </message>
    <message>
        <source>Set observed win rates</source>
        <translation>実績の受注率を設定</translation>
    </message>
    <message>
        <source>Set the probability of %1 stage(s): Undo takes them back</source>
        <translation>%1 ステージの確度を設定しました: 元に戻すで取り消せます</translation>
    </message>
</context>
<context>
    <name>BookFiles</name>
    <message>
        <source>&amp;New book</source>
        <translation>新しいブック(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo book</source>
        <translation>デモブックを開く(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>Preparing the demo book…</source>
        <translation>デモブックを準備しています…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 を開いています…</translation>
    </message>
    <message>
        <source>Opened read-only: %1</source>
        <translation>読み取り専用で開きました: %1</translation>
    </message>
    <message>
        <source>Book in use</source>
        <translation>使用中のブック</translation>
    </message>
    <message>
        <source>Open it read-only, or edit it anyway? If you both change the same rows, the later save is refused and nothing is lost.</source>
        <translation>読み取り専用で開きますか、それともこのまま編集しますか？ 双方で同じ行を変更した場合は後から保存した側の保存が拒否されるため、変更内容が失われることはありません。</translation>
    </message>
    <message>
        <source>Open &amp;read-only</source>
        <translation>読み取り専用で開く(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit anyway</source>
        <translation>このまま編集(&amp;E)</translation>
    </message>
    <message>
        <source>Books and spreadsheets to import (*%1 *.xlsx *.csv)</source>
        <translation>ブックと取り込むスプレッドシート (*%1 *.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Open book</source>
        <translation>ブックを開く</translation>
    </message>
    <message>
        <source>Could not open the book</source>
        <translation>ブックを開けませんでした</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Save book as</source>
        <translation>名前を付けてブックを保存</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 を保存しています…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Could not save the book</source>
        <translation>ブックを保存できませんでした</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 には保存されていない変更があります。保存しますか？</translation>
    </message>
    <message>
        <source>Could not restore</source>
        <translation>復元できませんでした</translation>
    </message>
    <message>
        <source>Restored unsaved changes of %1: save them with Save As</source>
        <translation>%1 の未保存の変更を復元しました。[名前を付けて保存] で保存してください</translation>
    </message>
    <message numerus="yes">
        <source>(%n more copy(ies) of unsaved changes kept for the next start)</source>
        <translation>
            <numerusform>（保存されていない変更のコピーがあと %n 件、次回の起動時に表示されます）</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>未保存の変更を復元しますか？</translation>
    </message>
    <message>
        <source>Planner closed without saving changes to %1 (last kept %2). Restore them?</source>
        <translation>Planner は %1 の変更を保存しないまま終了しました (最終自動保存: %2)。復元しますか？</translation>
    </message>
    <message>
        <source>Planner books (*%1);;All files (*)</source>
        <translation>Planner ブック (*%1);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>No recent books</source>
        <translation>最近のブックはありません</translation>
    </message>
    <message>
        <source>Demo book</source>
        <translation>デモブック</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1 (読み取り専用)</translation>
    </message>
</context>
<context>
    <name>BookTableModel</name>
    <message>
        <source>New row (%1)</source>
        <translation>新しい行 (%1)</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 の編集</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Every cell is read and checked. Nothing changes until you finish.</source>
        <translation>すべてのセルを読み込んで確認します。完了するまで何も変更されません。</translation>
    </message>
    <message>
        <source>S&amp;top reading</source>
        <translation>読み込みを中止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Read again</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>Sa&amp;ve mapping…</source>
        <translation>マッピングを保存(&amp;V)…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Made by the import</source>
        <translation>インポートで作成</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Stage name in the files</source>
        <translation>ファイル内のフェーズ名</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>変換先</translation>
    </message>
    <message>
        <source>Stage names that are not stages yet</source>
        <translation>まだフェーズでないフェーズ名</translation>
    </message>
    <message>
        <source>Owner in the files</source>
        <translation>ファイル内の担当者</translation>
    </message>
    <message>
        <source>Owners that are not reps of the book</source>
        <translation>ブックの担当者ではない担当者</translation>
    </message>
    <message>
        <source>First changed rows</source>
        <translation>最初に変更される行</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <source>Reading stopped: nothing was imported.</source>
        <translation>読み込みを中止しました。何もインポートされていません。</translation>
    </message>
    <message>
        <source>Nothing can be imported: %1</source>
        <translation>インポートできません: %1</translation>
    </message>
    <message>
        <source>Nothing will be imported: %1 problem(s). Fix them in the files (or change the mapping) and read again.</source>
        <translation>問題が %1 件あるため何もインポートされません。ファイルを修正する(またはマッピングを変更する)と、もう一度読み込めます。</translation>
    </message>
    <message>
        <source>The first %1 are listed.</source>
        <translation>最初の %1 件を表示しています。</translation>
    </message>
    <message>
        <source>Ready: %1 deals. Finish opens them as a new, unsaved book.</source>
        <translation>準備完了: 案件 %1 件。完了すると未保存の新しいブックとして開きます。</translation>
    </message>
    <message numerus="yes">
        <source>Ready: %Ln row(s) will be added and %1 changed, as one step you can undo.</source>
        <translation>
            <numerusform>準備完了: %Ln 行が追加され、%1 行が変更されます。まとめて元に戻せます。</numerusform>
        </translation>
    </message>
    <message>
        <source>The book already holds everything in these files: nothing will change.</source>
        <translation>これらのファイルの内容はすべてブックにあります。何も変更されません。</translation>
    </message>
    <message>
        <source>New columns: %1</source>
        <translation>新しい列: %1</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>A new stage (%1)</source>
        <translation>新しいフェーズ (%1)</translation>
    </message>
    <message>
        <source>The new stage %1</source>
        <translation>新しいステージ %1</translation>
    </message>
    <message>
        <source>The stage %1</source>
        <translation>フェーズ %1</translation>
    </message>
    <message>
        <source>Mapping saved to %1</source>
        <translation>マッピングを %1 に保存しました</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>(担当者なし)</translation>
    </message>
    <message>
        <source>A new rep %1</source>
        <translation>新しい担当者 %1</translation>
    </message>
    <message>
        <source>The rep %1</source>
        <translation>担当者 %1</translation>
    </message>
    <message>
        <source>Imported %1 deals: save the new book with Save As</source>
        <translation>案件 %1 件をインポートしました。新しいブックは「名前を付けて保存」で保存してください</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 のインポート</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 をインポートしました</translation>
    </message>
</context>
<context>
    <name>ClosePeriodBar</name>
    <message>
        <source>&amp;Close period…</source>
        <translation>期間を締める(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Reopen period…</source>
        <translation>締めを解除(&amp;R)…</translation>
    </message>
    <message>
        <source>Co&amp;mmissions</source>
        <translation>コミッション(&amp;M)</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>締め済み: %1</translation>
    </message>
    <message>
        <source>%1 (revision %2, %3 by %4)</source>
        <translation>%1（版 %2、%3、%4）</translation>
    </message>
    <message>
        <source>No closed period in %1</source>
        <translation>%1 に締め済みの期間はありません</translation>
    </message>
    <message>
        <source>Closed with %1: these figures are the ledger&apos;s</source>
        <translation>%1 で締め済み: 台帳に記録された数値です</translation>
    </message>
    <message>
        <source>Reopen %1</source>
        <translation>%1 の締めを解除</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>%1 を締める</translation>
    </message>
    <message>
        <source>%1 reopened</source>
        <translation>%1 の締めを解除しました</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 を締めました</translation>
    </message>
</context>
<context>
    <name>ClosePeriodDialog</name>
    <message>
        <source>Reopen %1</source>
        <translation>%1 の締めを解除</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>%1 を締める</translation>
    </message>
    <message>
        <source>Reopen period</source>
        <translation>締めを解除</translation>
    </message>
    <message>
        <source>Close period</source>
        <translation>期間を締める</translation>
    </message>
    <message>
        <source>Closing %1 freezes its commission statements in the book: %2 lines, %3 in all. Afterwards the book refuses any change that would alter them; what later edits change shows as adjustments in the next open period. Reopening is possible, and recorded.</source>
        <translation>%1 を締めると、コミッション明細がブックに確定されます: %2 行、合計 %3。以後、これを変える変更は拒否され、後の修正による差額は次の未締め期間に調整行として表示されます。締めの解除もでき、その記録が残ります。</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Plan period</source>
        <translation>プラン期間</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Reopening %1 makes its statements follow the book again. The ledger keeps the lines written when it was closed.</source>
        <translation>%1 の締めを解除すると、明細は再びブックの内容に従います。締めの時に記録した行は台帳に残ります。</translation>
    </message>
    <message>
        <source>These lines would change:</source>
        <translation>次の行が変わります:</translation>
    </message>
    <message>
        <source>No line would change.</source>
        <translation>変わる行はありません。</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在</translation>
    </message>
</context>
<context>
    <name>CommissionsPanel</name>
    <message>
        <source>Commission per rep and plan period</source>
        <translation>担当者・計算期間ごとのコミッション</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>明細書</translation>
    </message>
    <message>
        <source>(select a payout above to see its lines: a line per deal and tier, lifts, cap, bonuses and clawbacks)</source>
        <translation>(上で支払いを選ぶと明細が表示されます: 商談・ティアごとの行、遡及調整、上限、ボーナス、クローバック)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Statement of %1, %2 (plan %3): %4</source>
        <translation>%1 の明細書、%2 (プラン %3): %4</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>No report yet</source>
        <translation>レポートはまだありません</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG でエクスポート…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image</source>
        <translation>このグラフを PNG 画像として保存</translation>
    </message>
    <message>
        <source>No report to chart</source>
        <translation>グラフにするレポートがありません</translation>
    </message>
    <message>
        <source>Period %1 · as of %2 · amounts in %3</source>
        <translation>期間 %1 · %2 時点 · 金額単位: %3</translation>
    </message>
    <message>
        <source>The charts could not be drawn: %1</source>
        <translation>グラフを描画できませんでした: %1</translation>
    </message>
    <message>
        <source>Export “%1” as PNG</source>
        <translation>「%1」を PNG でエクスポート</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG エクスポート</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 を保存できませんでした: %2</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
</context>
<context>
    <name>DealHealth</name>
    <message>
        <source>Stalled</source>
        <translation>停滞</translation>
    </message>
    <message>
        <source>Slipped</source>
        <translation>遅延</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>両方</translation>
    </message>
    <message>
        <source>Stalled: %1 days in %2 (won deals average %3)</source>
        <translation>停滞: %2 に %1 日 (受注商談の平均 %3 日)</translation>
    </message>
    <message>
        <source>Slipped: expected close moved later %1 times</source>
        <translation>遅延: 完了予定日が %1 回延期</translation>
    </message>
    <message>
        <source>Overdue: expected close is past</source>
        <translation>期限切れ: 完了予定日を過ぎています</translation>
    </message>
    <message>
        <source>Overdue: expected close %1 is past</source>
        <translation>期限切れ: 完了予定日 %1 を過ぎています</translation>
    </message>
</context>
<context>
    <name>EditMenu</name>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>切り取り(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;lear cells</source>
        <translation>セルの内容をクリア(&amp;L)</translation>
    </message>
    <message>
        <source>Fill &amp;down</source>
        <translation>下方向へコピー(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Insert rows above</source>
        <translation>上に行を挿入(&amp;I)</translation>
    </message>
    <message>
        <source>Insert rows &amp;below</source>
        <translation>下に行を挿入(&amp;B)</translation>
    </message>
    <message>
        <source>Delete ro&amp;ws</source>
        <translation>行の削除(&amp;W)</translation>
    </message>
    <message>
        <source>Clear filter&amp;s</source>
        <translation>フィルターをクリア(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>Duplicate r&amp;ows</source>
        <translation>行の複製(&amp;O)</translation>
    </message>
    <message>
        <source>Confirm e&amp;xit criteria when moving deals forward</source>
        <translation>商談を進めるときに次ステージへの条件を確認する(&amp;X)</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>操作履歴</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;ブックを開いた状態&gt;</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Undo history</source>
        <translation>操作履歴(&amp;U)</translation>
    </message>
</context>
<context>
    <name>ExcelMenu</name>
    <message>
        <source>&amp;Import Excel or CSV as a new book…</source>
        <translation>Excel または CSV を新しいブックとしてインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Excel or CSV &amp;into this book…</source>
        <translation>Excel または CSV をこのブックにインポート(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>Excel にエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export statements as &amp;PDF…</source>
        <translation>明細書を PDF にエクスポート(&amp;P)…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>スプレッドシート (*.xlsx *.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Excel にエクスポート</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Export statements as PDF</source>
        <translation>明細書を PDF にエクスポート</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Planner export</source>
        <translation>Planner エクスポート</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 をエクスポート中…</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 をエクスポートしました</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>エクスポートできませんでした</translation>
    </message>
    <message>
        <source>Statements %1</source>
        <translation>明細書 %1</translation>
    </message>
    <message>
        <source>Writing statements to %1…</source>
        <translation>%1 に明細書を書き出し中…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1 (%n page(s))</source>
        <translation>
            <numerusform>%1 を保存しました (%n ページ)</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export the statements</source>
        <translation>明細書をエクスポートできませんでした</translation>
    </message>
</context>
<context>
    <name>ExitCriteriaDialog</name>
    <message>
        <source>Exit criteria of %1</source>
        <translation>%1 の次ステージへの条件</translation>
    </message>
    <message>
        <source>Before %1 moves from %2 to %3, confirm each exit criterion of %2:</source>
        <translation>%1 を %2 から %3 に進める前に、%2 の条件をそれぞれ確認してください:</translation>
    </message>
    <message>
        <source>Before %1 moves from %2 to %3, confirm each exit criterion of the stages it leaves and skips:</source>
        <translation>%1 を %2 から %3 に移す前に、離れるステージと飛ばすステージの終了条件をそれぞれ確認してください:</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>今後は確認しない</translation>
    </message>
    <message>
        <source>Turn it back on in Edit → Confirm exit criteria when moving deals forward</source>
        <translation>編集 → 商談を進めるときに次ステージへの条件を確認する で再びオンにできます</translation>
    </message>
    <message>
        <source>Move deal</source>
        <translation>商談を進める</translation>
    </message>
    <message>
        <source>Tick every criterion to move the deal</source>
        <translation>すべての条件にチェックを入れると商談を進められます</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Excel workbooks (.xlsx) and CSV files. Every sheet is checked on the next page.</source>
        <translation>Excel ブック (.xlsx) と CSV ファイル。次のページですべてのシートを確認します。</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>ファイルを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Load saved mapping…</source>
        <translation>保存したマッピングを読み込む(&amp;L)…</translation>
    </message>
    <message>
        <source>Mapping: guessed from the headers</source>
        <translation>マッピング: 見出しから推定</translation>
    </message>
    <message>
        <source>Mapping: %1</source>
        <translation>マッピング: %1</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this sheet</source>
        <translation>このシートを検索</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>閉じる (Esc)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>検索:</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
</context>
<context>
    <name>ForecastPanel</name>
    <message>
        <source>Type the manager&apos;s number; the computed one stays beside it. Clear the cell to remove the override.</source>
        <translation>マネージャーの数値を入力してください。計算された数値は横にそのまま残ります。セルを空にすると上書きが削除されます。</translation>
    </message>
    <message>
        <source>Forecast for the period</source>
        <translation>期間の予測</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>ステージ加重</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>コミット</translation>
    </message>
    <message>
        <source>Best case</source>
        <translation>ベストケース</translation>
    </message>
    <message>
        <source>Won + all open deals expected</source>
        <translation>受注 + 見込まれるすべての進行中商談</translation>
    </message>
    <message>
        <source>Historical</source>
        <translation>過去実績ベース</translation>
    </message>
    <message>
        <source>Sales-cycle length</source>
        <translation>販売サイクルベース</translation>
    </message>
    <message>
        <source>Commit with overrides</source>
        <translation>上書き反映のコミット</translation>
    </message>
    <message>
        <source>Best case with overrides</source>
        <translation>上書き反映のベストケース</translation>
    </message>
    <message>
        <source>Overdue, not in this forecast</source>
        <translation>期限超過、この予測には含まれない</translation>
    </message>
    <message>
        <source>Save forecast snapshot</source>
        <translation>予測スナップショットを保存</translation>
    </message>
    <message>
        <source>Save today&apos;s forecast of the period by every method, to see later which method was right</source>
        <translation>この期間の今日の予測をすべての方式で保存し、後でどの方式が正しかったかを確認します</translation>
    </message>
    <message>
        <source>Accuracy per closed period and method (1 − |forecast − actual| ÷ actual; the best method of each period is highlighted)</source>
        <translation>終了した期間・方式ごとの精度 (1 − |予測 − 実績| ÷ 実績、各期間で最も正確な方式を強調)</translation>
    </message>
    <message>
        <source>By method, on average</source>
        <translation>方式別の平均</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>バックテスト</translation>
    </message>
    <message>
        <source>Category forecast by rep: type a manager&apos;s override beside the computed number</source>
        <translation>担当者別カテゴリ予測: 計算された数値の横にマネージャーの上書き値を入力してください</translation>
    </message>
    <message>
        <source>Forecast for %1 (as of %2)</source>
        <translation>%1 の予測 (%2 時点)</translation>
    </message>
    <message>
        <source>Override a forecast</source>
        <translation>予測の上書き</translation>
    </message>
    <message>
        <source>Saved the forecast of %1 as of %2: it is judged once the period has ended</source>
        <translation>%2 時点の %1 の予測を保存しました。期間終了後に精度が評価されます</translation>
    </message>
</context>
<context>
    <name>FrameTableModel</name>
    <message>
        <source>Before the last change: %1</source>
        <translation>直前の変更の前: %1</translation>
    </message>
</context>
<context>
    <name>HealthBar</name>
    <message>
        <source>Stalled: longer in its stage than 1.5 × the won deals&apos; average. Slipped: expected close moved later twice or more, or past.</source>
        <translation>停滞: 現在のステージの滞在期間が受注商談の平均の 1.5 倍を超えています。遅延: 完了予定日が 2 回以上延期されたか、過ぎています。</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>All deals</source>
        <translation>すべての商談</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>要注意 (%1)</translation>
    </message>
    <message>
        <source>Stalled (%1)</source>
        <translation>停滞 (%1)</translation>
    </message>
    <message>
        <source>Slipped (%1)</source>
        <translation>遅延 (%1)</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>Amount history: a deal&apos;s amount before each change, kept when an amount or currency is edited, so that figures as of a past day use the amount of then</source>
        <translation>金額履歴：金額や通貨を編集するたびに変更前の金額を残し、過去の日付時点の数値がその時の金額を使えるようにします</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import into this book</source>
        <translation>このブックにインポート</translation>
    </message>
    <message>
        <source>Import as a new book</source>
        <translation>新しいブックとしてインポート</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Open the new book</source>
        <translation>新しいブックを開く</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>ファイルを追加</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>スプレッドシート (*.xlsx *.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Load a saved mapping</source>
        <translation>保存したマッピングを読み込む</translation>
    </message>
    <message>
        <source>Import mappings (*.json);;All files (*)</source>
        <translation>インポートマッピング (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Save the mapping</source>
        <translation>マッピングを保存</translation>
    </message>
    <message>
        <source>mapping</source>
        <translation>マッピング</translation>
    </message>
    <message>
        <source>Import mappings (*.json)</source>
        <translation>インポートマッピング (*.json)</translation>
    </message>
</context>
<context>
    <name>LeadsPanel</name>
    <message>
        <source>Leads scoring this many points or more are sales-qualified (the lead_threshold setting)</source>
        <translation>このポイント以上のリードは営業適格です（lead_threshold の設定）</translation>
    </message>
    <message>
        <source>Convert to deals</source>
        <translation>商談に転換</translation>
    </message>
    <message>
        <source>Make an open deal of each qualified lead selected, owned by the lead&apos;s owner, in the first open stage</source>
        <translation>選択した営業適格リードごとに、リードの担当者が担当する進行中の商談を最初の進行中ステージに作成します</translation>
    </message>
    <message>
        <source>Qualified at</source>
        <translation>営業適格の基準</translation>
    </message>
    <message>
        <source>points or more</source>
        <translation>ポイント以上</translation>
    </message>
    <message>
        <source>Scores, best first</source>
        <translation>スコア（高い順）</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>リード</translation>
    </message>
    <message>
        <source>Scoring rules: points per signal</source>
        <translation>スコアリングのルール: シグナル別ポイント</translation>
    </message>
    <message>
        <source>%1 of %2 leads qualified · %3 converted to deals</source>
        <translation>リード %2 件中 %1 件が営業適格 · %3 件を商談に転換済み</translation>
    </message>
    <message>
        <source>Select the qualified leads to convert, in the scores or on the Leads sheet.</source>
        <translation>転換する営業適格リードをスコア一覧かリードのシートで選んでください。</translation>
    </message>
    <message numerus="yes">
        <source>Convert %n lead(s) to deals</source>
        <translation>
            <numerusform>リード %n 件を商談に転換</numerusform>
        </translation>
    </message>
    <message>
        <source>Not converted</source>
        <translation>転換していません</translation>
    </message>
    <message>
        <source>New deals: %1</source>
        <translation>新しい商談: %1</translation>
    </message>
    <message>
        <source>Set the lead threshold to %1</source>
        <translation>リードのしきい値を %1 に設定</translation>
    </message>
    <message>
        <source>Lead threshold</source>
        <translation>リードのしきい値</translation>
    </message>
</context>
<context>
    <name>LeftOutNote</name>
    <message>
        <source>Show the problems</source>
        <translation>問題を表示</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Period of the results: month, quarter or year</source>
        <translation>結果の期間: 月・四半期・年</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>パイプライン</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>達成率</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>コミッション</translation>
    </message>
    <message>
        <source>Quota planner</source>
        <translation>ノルマ計画</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期間:</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>計算しています…</translation>
    </message>
    <message>
        <source>%1 deals · %2 open worth %3 (weighted %4) · %5: won %6, commissions %7</source>
        <translation>商談 %1 件 · 進行中 %2 件、%3 (加重 %4) · %5: 受注 %6、コミッション %7</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Close date (expected while open, actual once closed)</source>
        <translation>クローズ日 (進行中は予定、完了後は実績)</translation>
    </message>
    <message>
        <source>Stage probability</source>
        <translation>フェーズの確度</translation>
    </message>
    <message>
        <source>Status (open, won or lost)</source>
        <translation>状態 (進行中・受注・失注)</translation>
    </message>
    <message>
        <source>Won? (TRUE or FALSE)</source>
        <translation>受注? (TRUE または FALSE)</translation>
    </message>
    <message>
        <source>Closed? (TRUE or FALSE)</source>
        <translation>完了? (TRUE または FALSE)</translation>
    </message>
    <message>
        <source>Won on</source>
        <translation>受注日</translation>
    </message>
    <message>
        <source>Lost on</source>
        <translation>失注日</translation>
    </message>
    <message>
        <source>Order status (cancelled, returned or disputed: not won)</source>
        <translation>注文ステータス (キャンセル・返品・係争中は受注としない)</translation>
    </message>
    <message>
        <source>Returned? (TRUE or Yes: not won)</source>
        <translation>返品? (TRUE または Yes なら受注としない)</translation>
    </message>
    <message>
        <source>Region (the order&apos;s rep: the rep of that team)</source>
        <translation>地域 (注文の担当者: そのチームの担当者)</translation>
    </message>
    <message>
        <source>Tell from the file</source>
        <translation>ファイルから判断</translation>
    </message>
    <message>
        <source>Month first (03/05 is 5 March)</source>
        <translation>月が先 (03/05 は 3 月 5 日)</translation>
    </message>
    <message>
        <source>Day first (03/05 is 3 May)</source>
        <translation>日が先 (03/05 は 5 月 3 日)</translation>
    </message>
    <message>
        <source>Keep as my own column</source>
        <translation>独自の列として残す</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>取り込まない</translation>
    </message>
    <message>
        <source>Sheets and columns</source>
        <translation>シートと列</translation>
    </message>
    <message>
        <source>Check where each sheet goes and which column each header fills. The preview shows the first rows as they will be read.</source>
        <translation>各シートの取り込み先と、各見出しが入る列を確認してください。プレビューには読み込まれる最初の行が表示されます。</translation>
    </message>
    <message>
        <source>Skip: do not import this sheet</source>
        <translation>スキップ: このシートは取り込まない</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>シート(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Goes to:</source>
        <translation>取り込み先(&amp;G):</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>ファイルの見出し</translation>
    </message>
    <message>
        <source>Book column</source>
        <translation>ブックの列</translation>
    </message>
    <message>
        <source>and also</source>
        <translation>あわせて入れる列</translation>
    </message>
    <message>
        <source>Sa&amp;ve mapping…</source>
        <translation>マッピングを保存(&amp;V)…</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>通貨(&amp;U):</translation>
    </message>
    <message>
        <source>Dates such as 03/05/2026:</source>
        <translation>03/05/2026 のような日付:</translation>
    </message>
    <message>
        <source>Reading the headers of %1…</source>
        <translation>%1 の見出しを読み込み中…</translation>
    </message>
    <message>
        <source>%1 (%2 rows)</source>
        <translation>%1 (%2 行)</translation>
    </message>
    <message>
        <source>Using the mapping %1</source>
        <translation>マッピング %1 を使用中</translation>
    </message>
    <message>
        <source>Using the mapping you chose last time for these files</source>
        <translation>前回これらのファイルで選んだマッピングを使用中</translation>
    </message>
    <message>
        <source>Headers in row %1; %2 rows of data</source>
        <translation>見出しは %1 行目、データ %2 行</translation>
    </message>
    <message>
        <source>a sheet Excel hides: left out unless you choose a table for it</source>
        <translation>Excel で非表示のシート: 表を選ばない限り除外されます</translation>
    </message>
    <message>
        <source>Read as an order log: each order is a won deal, created and closed on its date (the rows of one order are one deal)</source>
        <translation>注文履歴として読み込みます: 注文ごとに受注商談 1 件、注文日が作成日かつ完了日です (1 つの注文の複数行は 1 件の商談)</translation>
    </message>
    <message>
        <source>(sheet skipped)</source>
        <translation>(シートをスキップ)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No rows of data in %1: there is nothing to import. Go back and choose a file with rows under its headers.</source>
        <translation>%1 にデータ行がありません。取り込むものがありません。戻って、見出しの下に行があるファイルを選んでください。</translation>
    </message>
    <message>
        <source>No sheet of %1 has the headers of a table of the book, such as %2. Choose a table in “Goes to” and, below, the book column each header fills (Save mapping keeps the choice for next time, and for planner import --mapping).</source>
        <translation>%1 には、ブックの表の見出しを持つシートがありません。例: %2。「取り込み先」で表を選び、下で見出しごとに入れるブックの列を選んでください (マッピングを保存すると、次回と planner import --mapping で使えます)。</translation>
    </message>
    <message>
        <source>Every sheet is skipped: choose a table in “Goes to” for at least one.</source>
        <translation>すべてのシートがスキップされています。少なくとも 1 つのシートで「取り込み先」の表を選んでください。</translation>
    </message>
    <message>
        <source>Mapping saved to %1</source>
        <translation>マッピングを %1 に保存しました</translation>
    </message>
</context>
<context>
    <name>PipelinePanel</name>
    <message>
        <source>Pipeline</source>
        <translation>パイプライン</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>進行中の商談</translation>
    </message>
    <message>
        <source>Open pipeline value</source>
        <translation>進行中パイプライン金額</translation>
    </message>
    <message>
        <source>Weighted pipeline</source>
        <translation>加重パイプライン</translation>
    </message>
    <message>
        <source>In the period</source>
        <translation>期間中</translation>
    </message>
    <message>
        <source>Pipeline velocity (per day)</source>
        <translation>パイプライン速度 (1日あたり)</translation>
    </message>
    <message>
        <source>Deals created</source>
        <translation>作成された商談</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>受注</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>失注</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>受注率</translation>
    </message>
    <message>
        <source>Average won deal</source>
        <translation>平均受注額</translation>
    </message>
    <message>
        <source>Average sales cycle</source>
        <translation>平均営業サイクル</translation>
    </message>
    <message>
        <source>Conversion of deals created</source>
        <translation>作成された商談のコンバージョン率</translation>
    </message>
    <message>
        <source>Coverage of quota remaining</source>
        <translation>残りノルマに対するカバレッジ</translation>
    </message>
    <message>
        <source>Forecast for the period</source>
        <translation>期間の予測</translation>
    </message>
    <message>
        <source>Won so far</source>
        <translation>現時点の受注</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>ステージ加重</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>コミット</translation>
    </message>
    <message>
        <source>Best case</source>
        <translation>ベストケース</translation>
    </message>
    <message>
        <source>Won + all open deals expected</source>
        <translation>受注 + 見込まれるすべての進行中商談</translation>
    </message>
    <message>
        <source>Open deals by stage</source>
        <translation>ステージ別の進行中商談</translation>
    </message>
    <message>
        <source>Stage conversion</source>
        <translation>ステージ転換率</translation>
    </message>
    <message>
        <source>By rep</source>
        <translation>担当者別</translation>
    </message>
    <message>
        <source>By team</source>
        <translation>チーム別</translation>
    </message>
    <message>
        <source>Pipeline as of %1</source>
        <translation>パイプライン (%1 時点)</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 日</translation>
    </message>
</context>
<context>
    <name>PlansPanel</name>
    <message>
        <source>Tiers of %1</source>
        <translation>%1 のティア</translation>
    </message>
    <message>
        <source>Tiers (choose a plan on the left)</source>
        <translation>ティア(左でプランを選んでください)</translation>
    </message>
    <message>
        <source>Bonuses of %1</source>
        <translation>%1 のボーナス</translation>
    </message>
    <message>
        <source>Bonuses (choose a plan on the left)</source>
        <translation>ボーナス(左でプランを選んでください)</translation>
    </message>
    <message>
        <source>Rate multipliers of %1 (by product and deal type)</source>
        <translation>%1 の料率倍率(製品・案件タイプ別)</translation>
    </message>
    <message>
        <source>Rate multipliers (choose a plan on the left)</source>
        <translation>料率倍率(左でプランを選んでください)</translation>
    </message>
    <message>
        <source>SPIFFs of %1 (a fixed amount per qualifying won deal)</source>
        <translation>%1 の SPIFF(条件に合う受注案件ごとの定額)</translation>
    </message>
    <message>
        <source>SPIFFs (choose a plan on the left)</source>
        <translation>SPIFF(左でプランを選んでください)</translation>
    </message>
    <message>
        <source>Draw of %1 (the least paid per period)</source>
        <translation>%1 のドロー(期間ごとの最低支給額)</translation>
    </message>
    <message>
        <source>Draw (choose a plan on the left)</source>
        <translation>ドロー(左でプランを選んでください)</translation>
    </message>
    <message>
        <source>Reps on %1 by date (instead of their Reps row&apos;s plan)</source>
        <translation>日付別の %1 の担当者(担当者行のプランの代わり)</translation>
    </message>
    <message>
        <source>Plan assignments (choose a plan on the left)</source>
        <translation>プラン割当(左でプランを選んでください)</translation>
    </message>
</context>
<context>
    <name>ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n)</source>
        <translation>
            <numerusform>問題 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Figures cannot be computed until these are fixed.</source>
        <translation>これらを直すまで数値を計算できません。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>問題 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%n row(s) with problems are left out of these figures.</source>
        <translation>問題のある %n 行はこの数値から除外されています。</translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Left out of the figures</source>
        <translation>数値から除外</translation>
    </message>
    <message>
        <source>cycle and cohort figures</source>
        <translation>営業サイクル・コホートの数値</translation>
    </message>
    <message>
        <source>this row</source>
        <translation>この行</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>ほか %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuotaPlanner</name>
    <message>
        <source>Equal</source>
        <translation>均等</translation>
    </message>
    <message>
        <source>Last year&apos;s won revenue</source>
        <translation>昨年の受注額</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手入力</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>ウェイト</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>均一</translation>
    </message>
    <message>
        <source>As the basis year&apos;s wins</source>
        <translation>基準年の受注どおり</translation>
    </message>
    <message>
        <source>12 weights, January to December</source>
        <translation>1月から12月までの12個のウェイト</translation>
    </message>
    <message>
        <source>Add scenario</source>
        <translation>シナリオを追加</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Company target</source>
        <translation>会社の目標</translation>
    </message>
    <message>
        <source>Over-assignment</source>
        <translation>上乗せ配分</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Seasonality</source>
        <translation>季節性</translation>
    </message>
    <message>
        <source>Ramp of new hires (%)</source>
        <translation>新入社員の立ち上がり (%)</translation>
    </message>
    <message>
        <source>Basis year</source>
        <translation>基準年</translation>
    </message>
    <message>
        <source>Apply to the Quotas table</source>
        <translation>ノルマ表に適用</translation>
    </message>
    <message>
        <source>Remove scenario</source>
        <translation>シナリオを削除</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>ノルマ</translation>
    </message>
    <message>
        <source>Gap (capacity − quota)</source>
        <translation>差 (キャパシティ − ノルマ)</translation>
    </message>
    <message>
        <source>Scenario %1</source>
        <translation>シナリオ %1</translation>
    </message>
    <message>
        <source>Plan quotas for %1</source>
        <translation>%1 年のノルマ計画</translation>
    </message>
    <message>
        <source>Wrote %1 quota rows of %2 (%3): Undo takes them back</source>
        <translation>%2 年のノルマを %1 行書き込みました (%3)。元に戻すで取り消せます</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>配分額</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>キャパシティ</translation>
    </message>
    <message>
        <source>Kept: closed months</source>
        <translation>維持: 締め済みの月</translation>
    </message>
    <message>
        <source>Gap (capacity − target)</source>
        <translation>差 (キャパシティ − 目標)</translation>
    </message>
    <message>
        <source>Closed: %1. Their quotas are kept as they are; the rest of the target is spread over the open months</source>
        <translation>締め済み: %1。これらの月のノルマはそのまま維持され、目標の残りは締めていない月に配分されます</translation>
    </message>
    <message>
        <source>Teams of %1</source>
        <translation>%1 のチーム</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation>(チームなし)</translation>
    </message>
    <message>
        <source>%1: target %2 × %3%, weights %4, seasonality %5, ramp %6, basis %7</source>
        <translation>%1 年: 目標 %2 × %3%、重み %4、季節性 %5、立ち上がり %6、基準 %7 年</translation>
    </message>
</context>
<context>
    <name>ResultTabs</name>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
</context>
<context>
    <name>SheetView</name>
    <message>
        <source>Copied %1 cells</source>
        <translation>%1 個のセルをコピーしました</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>切り取り</translation>
    </message>
    <message>
        <source>Nothing was pasted</source>
        <translation>貼り付けられませんでした</translation>
    </message>
    <message>
        <source>The block has %1 columns; only %2 fit from the selected cell.</source>
        <translation>貼り付ける範囲は %1 列ですが、選択したセルからは %2 列しか入りません。</translation>
    </message>
    <message>
        <source>Paste %1 × %2</source>
        <translation>貼り付け (%1 × %2)</translation>
    </message>
    <message>
        <source>Pasted %1 rows (%2 new)</source>
        <translation>%1 行を貼り付けました (うち新しい行 %2 行)</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>%1 行目</translation>
    </message>
    <message>
        <source>New row %1</source>
        <translation>新しい行 %1</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>セルの内容をクリア</translation>
    </message>
    <message>
        <source>Fill down</source>
        <translation>下方向へコピー</translation>
    </message>
    <message numerus="yes">
        <source>Insert %n row(s)</source>
        <translation>
            <numerusform>%n 行を挿入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n row(s)</source>
        <translation>
            <numerusform>%n 行を複製</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s)</source>
        <translation>
            <numerusform>%n 行を削除</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>見つかりません: %1</translation>
    </message>
    <message>
        <source>Showing %1 of %2 rows</source>
        <translation>%2 行中 %1 行を表示</translation>
    </message>
    <message>
        <source>All %1 rows shown</source>
        <translation>全 %1 行を表示</translation>
    </message>
    <message>
        <source>Filter by this value</source>
        <translation>この値でフィルター</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>フィルターをクリア</translation>
    </message>
    <message>
        <source>Hide column</source>
        <translation>列を非表示</translation>
    </message>
    <message>
        <source>Clear filter on this column</source>
        <translation>この列のフィルターをクリア</translation>
    </message>
    <message>
        <source>Show all columns</source>
        <translation>すべての列を表示</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>変更されませんでした</translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) do not fit; nothing was changed.</source>
        <translation>
            <numerusform>%n 個のセルに入力できない値があるため、何も変更されませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>(and %1 more)</source>
        <translation>(ほか %1 件)</translation>
    </message>
</context>
<context>
    <name>StatementPages</name>
    <message>
        <source>Commission statements</source>
        <translation>コミッション明細書</translation>
    </message>
    <message>
        <source>No rep is on a plan in this period.</source>
        <translation>この期間に報酬プランのある担当者はいません。</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1 (続き)</translation>
    </message>
    <message>
        <source>Commission statement</source>
        <translation>コミッション明細書</translation>
    </message>
    <message>
        <source>Rep: %1</source>
        <translation>担当者: %1</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>プラン: %1</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>期間: %1</translation>
    </message>
    <message>
        <source>Amounts in %1</source>
        <translation>金額単位: %1</translation>
    </message>
    <message>
        <source>Quota %1 · won credit %2</source>
        <translation>ノルマ %1 · 受注実績 %2</translation>
    </message>
    <message>
        <source>Deal ID</source>
        <translation>商談 ID</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>ティア</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>料率</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>対象金額</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>No commission lines in this period.</source>
        <translation>この期間のコミッション明細はありません。</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>%1 合計</translation>
    </message>
    <message>
        <source>base salary %1</source>
        <translation>基本給 %1</translation>
    </message>
    <message>
        <source>target incentive %1</source>
        <translation>目標インセンティブ %1</translation>
    </message>
    <message>
        <source>OTE %1</source>
        <translation>OTE %1</translation>
    </message>
    <message>
        <source>draw balance carried %1</source>
        <translation>繰越ドロー残高 %1</translation>
    </message>
    <message>
        <source>For information (not in the total): %1</source>
        <translation>参考(合計には含まれません): %1</translation>
    </message>
    <message>
        <source>Total payable for %1</source>
        <translation>%1 支払総額</translation>
    </message>
    <message>
        <source>Printed %1 by Planner</source>
        <translation>Planner で %1 に印刷</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1 / %2 ページ</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>Won</source>
        <translation>受注</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>現在進行中</translation>
    </message>
    <message>
        <source>No deals were created in {period}</source>
        <translation>{period} に作成された商談はありません</translation>
    </message>
    <message>
        <source>Pipeline funnel</source>
        <translation>パイプラインファネル</translation>
    </message>
    <message>
        <source>Deals created in {period} by the furthest stage reached; open deals ({currency}) at right</source>
        <translation>{period} に作成された商談を、到達した最も先のステージ別に表示。右側は進行中の商談 ({currency})</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以降</translation>
    </message>
    <message>
        <source>Weighted value ({currency})</source>
        <translation>加重金額 ({currency})</translation>
    </message>
    <message>
        <source>No open deals</source>
        <translation>進行中の商談はありません</translation>
    </message>
    <message>
        <source>Weighted pipeline by expected close</source>
        <translation>完了予定月別の加重パイプライン</translation>
    </message>
    <message>
        <source>Open deals × stage probability, as of {date}</source>
        <translation>進行中の商談 × ステージ確度 ({date} 時点)</translation>
    </message>
    <message>
        <source>{count} open deals, none with an amount</source>
        <translation>進行中の商談 {count} 件、金額のある商談なし</translation>
    </message>
    <message>
        <source>{count} open deals, none in a stage with a probability</source>
        <translation>進行中の商談 {count} 件、確度のあるステージの商談なし</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>ステージ加重</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>コミット</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>ノルマ</translation>
    </message>
    <message>
        <source>Nothing won, forecast or planned in {year}</source>
        <translation>{year} 年の受注・予測・ノルマはありません</translation>
    </message>
    <message>
        <source>Amount ({currency})</source>
        <translation>金額 ({currency})</translation>
    </message>
    <message>
        <source>Forecast versus quota</source>
        <translation>予測とノルマの比較</translation>
    </message>
    <message>
        <source>Quarters of {year}; % = stage-weighted forecast ÷ quota</source>
        <translation>{year} 年の四半期別。% = ステージ加重予測 ÷ ノルマ</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>受注率</translation>
    </message>
    <message>
        <source>Average sales cycle (days)</source>
        <translation>平均営業サイクル(日)</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>日数</translation>
    </message>
    <message>
        <source>No deals closed in these months</source>
        <translation>この期間に完了した商談はありません</translation>
    </message>
    <message>
        <source>Win rate and sales cycle</source>
        <translation>受注率と営業サイクル</translation>
    </message>
    <message>
        <source>Deals closed per month, the last {months} months</source>
        <translation>直近 {months} か月の月別完了商談</translation>
    </message>
    <message>
        <source>Won deals (average)</source>
        <translation>受注商談 (平均)</translation>
    </message>
    <message>
        <source>Open deals (average so far)</source>
        <translation>進行中の商談 (現時点までの平均)</translation>
    </message>
    <message>
        <source>Stalled beyond (1.5 × won)</source>
        <translation>停滞ライン (受注平均 × 1.5)</translation>
    </message>
    <message>
        <source>{count} stalled</source>
        <translation>停滞 {count} 件</translation>
    </message>
    <message>
        <source>No stage times yet</source>
        <translation>ステージ滞留期間のデータはまだありません</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>ステージ滞留期間</translation>
    </message>
    <message>
        <source>Open deals as of {date} against won deals</source>
        <translation>{date} 時点の進行中の商談と受注商談の比較</translation>
    </message>
    <message>
        <source>Dashboard: {period}, as of {date}</source>
        <translation>ダッシュボード: {period}、{date} 時点</translation>
    </message>
    <message>
        <source>The figures of the app&apos;s dashboard; each chart plots the table beside it.</source>
        <translation>アプリのダッシュボードの数値です。各グラフは隣の表を描きます。</translation>
    </message>
    <message>
        <source>Deals created in {period} that reached the stage</source>
        <translation>{period} に作成され、このフェーズに到達した案件</translation>
    </message>
    <message>
        <source>Conversion to the next stage</source>
        <translation>次のフェーズへの転換率</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>到達</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>進行中の商談</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>完了予定日</translation>
    </message>
    <message>
        <source>Attainment: {period}, as of {date}</source>
        <translation>達成率: {period}、{date} 時点</translation>
    </message>
    <message>
        <source>The figures of the app&apos;s Attainment tab; each chart plots the table beside it.</source>
        <translation>アプリの達成率タブの数値です。各グラフは隣の表を描きます。</translation>
    </message>
    <message>
        <source>Quota versus won by month, {year}</source>
        <translation>月別のノルマと受注、{year}</translation>
    </message>
    <message>
        <source>Rep quadrants, {quarter}</source>
        <translation>担当者の四象限、{quarter}</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quadrant</source>
        <translation>象限</translation>
    </message>
    <message>
        <source>Won deals</source>
        <translation>受注商談</translation>
    </message>
    <message>
        <source>Lost deals</source>
        <translation>失注商談</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>停滞</translation>
    </message>
    <message>
        <source>Open value</source>
        <translation>進行中の金額</translation>
    </message>
    <message>
        <source>Weighted value</source>
        <translation>加重金額</translation>
    </message>
    <message>
        <source>Open pipeline by stage</source>
        <translation>ステージ別の進行中パイプライン</translation>
    </message>
    <message>
        <source>Attainment %1</source>
        <translation>%1 の達成率</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>達成率</translation>
    </message>
    <message>
        <source>Projected at the current run rate</source>
        <translation>現在のペースでの見込み</translation>
    </message>
    <message>
        <source>Quota (100%)</source>
        <translation>ノルマ (100%)</translation>
    </message>
    <message>
        <source>No rep has a quota in this period</source>
        <translation>この期間にノルマのある担当者はいません</translation>
    </message>
    <message>
        <source>Attainment by rep</source>
        <translation>担当者別の達成率</translation>
    </message>
    <message>
        <source>Credited vs last quarter</source>
        <translation>前四半期比の計上実績</translation>
    </message>
    <message>
        <source>No rep has a quota in this quarter</source>
        <translation>この四半期にノルマのある担当者はいません</translation>
    </message>
    <message>
        <source>Rep quadrants</source>
        <translation>担当者の四象限</translation>
    </message>
    <message>
        <source>Won (credited)</source>
        <translation>受注（計上実績）</translation>
    </message>
    <message>
        <source>No quota or credit in this year</source>
        <translation>この年はノルマも計上実績もありません</translation>
    </message>
    <message>
        <source>Quota versus won by month</source>
        <translation>月別のノルマと受注</translation>
    </message>
    <message>
        <source>Attainment by rep, %1</source>
        <translation>担当者別の達成率、%1</translation>
    </message>
    <message>
        <source>Stage-weighted forecast</source>
        <translation>ステージ加重予測</translation>
    </message>
    <message>
        <source>Forecast versus quota, %1</source>
        <translation>予測とノルマの比較、%1</translation>
    </message>
    <message>
        <source>Won revenue</source>
        <translation>受注売上</translation>
    </message>
    <message>
        <source>Won revenue by month</source>
        <translation>月別の受注売上</translation>
    </message>
    <message>
        <source>Charts: %1 (live: they follow the formulas of the sheets they plot)</source>
        <translation>グラフ: %1（ライブ: 元のシートの数式に合わせて変わります）</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Quota {year}</source>
        <translation>{year} 年のノルマ</translation>
    </message>
    <message>
        <source>Closed: kept as it was</source>
        <translation>締め済み: そのまま維持</translation>
    </message>
    <message>
        <source>Won {year}</source>
        <translation>{year} 年の受注</translation>
    </message>
    <message>
        <source>Add a scenario to see its quota by month</source>
        <translation>シナリオを追加すると月別のノルマが表示されます</translation>
    </message>
    <message>
        <source>Quota versus last year&apos;s won, by month</source>
        <translation>月別のノルマと昨年の受注</translation>
    </message>
    <message>
        <source>{name} ({currency})</source>
        <translation>{name} ({currency})</translation>
    </message>
    <message>
        <source>Payout against attainment</source>
        <translation>達成率別の支給額</translation>
    </message>
    <message>
        <source>Choose a plan to see what it pays</source>
        <translation>プランを選ぶと支給額が表示されます</translation>
    </message>
    <message>
        <source>Total payout</source>
        <translation>支給額合計</translation>
    </message>
    <message>
        <source>Commission without bonuses</source>
        <translation>ボーナスを除くコミッション</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>ボーナス</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Cap of {cap}: above the chart</source>
        <translation>上限 {cap}(グラフの上)</translation>
    </message>
    <message>
        <source>This plan has no tiers yet: add one below</source>
        <translation>このプランにはまだティアがありません。下で追加してください</translation>
    </message>
    <message>
        <source>{plan}: a quota of {quota} {currency} per {period}</source>
        <translation>{plan}:{period}あたりのノルマ {quota} {currency}</translation>
    </message>
    <message>
        <source>Nothing was won in these periods: no method can be judged</source>
        <translation>この期間には受注がありません: どの方式も評価できません</translation>
    </message>
    <message>
        <source>forecasts made on each period&apos;s first day</source>
        <translation>各期間の初日に作成した予測</translation>
    </message>
    <message>
        <source>forecasts made one period before</source>
        <translation>1期間前に作成した予測</translation>
    </message>
    <message>
        <source>; below −100% drawn at the edge</source>
        <translation>。−100% 未満は端に表示</translation>
    </message>
    <message>
        <source>Accuracy per method and period</source>
        <translation>方式・期間別の精度</translation>
    </message>
    <message>
        <source>1 − |forecast − actual| ÷ actual, {when}{cut}</source>
        <translation>1 − |予測 − 実績| ÷ 実績、{when}{cut}</translation>
    </message>
    <message>
        <source>Backtest: {first} to {last}, as of {date}</source>
        <translation>バックテスト: {first}〜{last}、{date}時点</translation>
    </message>
    <message>
        <source>Each method&apos;s forecast made on the book as it stood on the month&apos;s first day, against what was won in the month (accuracy 1 − |forecast − actual| ÷ actual; amounts of that day); then each stage&apos;s probability beside its observed win rate.</source>
        <translation>各手法の予測は月初時点のブックで作成し、その月の受注額と比べます（精度 1 − |予測 − 実績| ÷ 実績、金額はその日のもの）。その下に各ステージの確率と実際の受注率を並べます。</translation>
    </message>
    <message>
        <source>Backtest, as of {date}</source>
        <translation>バックテスト、{date}時点</translation>
    </message>
    <message>
        <source>No month before the book&apos;s date has anything won: no forecast method can be judged yet. Each stage&apos;s probability beside its observed win rate:</source>
        <translation>ブックの基準日より前に受注のある月がないため、まだ予測手法を評価できません。ステージごとの確率と実際の受注率:</translation>
    </message>
    <message>
        <source>Forecast accuracy by month (made on the month&apos;s first day)</source>
        <translation>月別の予測精度（月初時点の予測）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}: ファイルがありません</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes to apply these changes, or --dry-run to only show them</source>
        <translation>{book} は変更されていません: これらの変更を適用するには --yes を、表示だけなら --dry-run を指定してください</translation>
    </message>
    <message>
        <source>{target} already holds a Planner book (use --force to replace it)</source>
        <translation>{target} には既に Planner ブックがあります (置き換えるには --force を指定)</translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}</source>
        <translation>{path} に書き込めません: {reason}</translation>
    </message>
    <message>
        <source>--as-of must lie between {low} and {high}</source>
        <translation>--as-of は {low} 年から {high} 年までの範囲で指定してください</translation>
    </message>
    <message>
        <source>{name} must be a whole number from 1 to {high:,}</source>
        <translation>{name} は 1 から {high:,} までの整数で指定してください</translation>
    </message>
    <message>
        <source>{path}: import --out writes a Planner book (.planner), not a workbook or CSV; use planner export for a workbook</source>
        <translation>{path}: import --out はワークブックや CSV ではなく Planner ブック(.planner)を書き出します。ワークブックには planner export を使ってください</translation>
    </message>
    <message>
        <source>--currency {currency} is not the currency of {book} ({book_currency}): a merge reads amounts in the book&apos;s</source>
        <translation>--currency {currency} は {book} の通貨 ({book_currency}) ではありません: 統合では金額をブックの通貨で読みます</translation>
    </message>
    <message>
        <source>{book} was changed by someone else while the merge was planned; nothing was applied: run the import again</source>
        <translation>マージの計画中に {book} が他の人によって変更されました。何も適用していません。インポートをもう一度実行してください</translation>
    </message>
    <message>
        <source>{path} already exists (use --force to overwrite it)</source>
        <translation>{path} は既に存在します (上書きするには --force を指定)</translation>
    </message>
    <message>
        <source>--yes and --dry-run go with --into</source>
        <translation>--yes と --dry-run は --into と一緒に使います</translation>
    </message>
    <message>
        <source>{table}, column {column}</source>
        <translation>{table}、{column} 列</translation>
    </message>
    <message>
        <source>{table} {key}, column {column}</source>
        <translation>{table} {key}、{column} 列</translation>
    </message>
    <message>
        <source>{table} row {row}, column {column}</source>
        <translation>{table} {row} 行目、{column} 列</translation>
    </message>
    <message>
        <source>{table} row {row}</source>
        <translation>{table} {row} 行目</translation>
    </message>
    <message>
        <source>{table} {key}</source>
        <translation>{table} {key}</translation>
    </message>
    <message>
        <source>The book has problems: {problems}{more}</source>
        <translation>ブックに問題があります: {problems}{more}</translation>
    </message>
    <message>
        <source>Not changed: {problems}{more}</source>
        <translation>変更されませんでした: {problems}{more}</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation> (ほか {count} 件)</translation>
    </message>
    <message>
        <source>Unknown table(s) {names}</source>
        <translation>不明な表: {names}</translation>
    </message>
    <message>
        <source>Unknown rounding mode {mode!r}: use half_up, half_even, down or up</source>
        <translation>不明な端数処理 {mode!r}: half_up・half_even・down・up のいずれかを指定してください</translation>
    </message>
    <message>
        <source>Settings: as_of {text!r} is not a date (expected 2026-06-30)</source>
        <translation>Settings: as_of {text!r} は日付ではありません (例: 2026-06-30)</translation>
    </message>
    <message>
        <source>row #{row} no longer exists</source>
        <translation>行 #{row} はもう存在しません</translation>
    </message>
    <message>
        <source>{value!r} is not a number</source>
        <translation>{value!r} は数値ではありません</translation>
    </message>
    <message>
        <source>{value!r} is not a date (expected a day such as 2026-03-05)</source>
        <translation>{value!r} は日付ではありません (例: 2026-03-05)</translation>
    </message>
    <message>
        <source>{value!r} is not text</source>
        <translation>{value!r} はテキストではありません</translation>
    </message>
    <message>
        <source>the table has no such column</source>
        <translation>表にその列はありません</translation>
    </message>
    <message>
        <source>{value!r} is not a stage of the Stages sheet</source>
        <translation>{value!r} は Stages シートのステージではありません</translation>
    </message>
    <message>
        <source>{value!r} is not a rep of the Reps sheet</source>
        <translation>{value!r} は Reps シートの担当者ではありません</translation>
    </message>
    <message>
        <source>{value!r} is not a plan of the Plans sheet</source>
        <translation>{value!r} は Plans シートのプランではありません</translation>
    </message>
    <message>
        <source>{value!r} is not a deal of the Deals sheet</source>
        <translation>{value!r} は Deals シートの商談ではありません</translation>
    </message>
    <message>
        <source>{value!r} is not a team of the Teams sheet</source>
        <translation>{value!r} は Teams シートのチームではありません</translation>
    </message>
    <message>
        <source>{value!r} could be any of {candidates}: use the id</source>
        <translation>{value!r} に該当するものが複数あります ({candidates})。ID を指定してください</translation>
    </message>
    <message>
        <source>refers to a row of {target} that was deleted</source>
        <translation>削除された {target} の行を参照しています</translation>
    </message>
    <message>
        <source>{value} differs from the book&apos;s currency {book}; exchange rates are not supported yet</source>
        <translation>{value} はブックの通貨 {book} と異なります。為替レートにはまだ対応していません</translation>
    </message>
    <message>
        <source>plan {plan!r} mixes marginal and retroactive tiers; use one method per plan</source>
        <translation>プラン {plan!r} に段階方式(marginal)と遡及方式(retroactive)のティアが混在しています。プランごとに1つの方式を使ってください</translation>
    </message>
    <message>
        <source>a won or lost deal needs its closed date</source>
        <translation>受注・失注の商談には完了日が必要です</translation>
    </message>
    <message>
        <source>{value!r} was not found when it was entered; choose it again</source>
        <translation>{value!r} は入力時に見つかりませんでした。もう一度選択してください</translation>
    </message>
    <message>
        <source>a quota is for a rep or for a team, not both</source>
        <translation>ノルマは担当者かチームのどちらか一方にのみ設定できます</translation>
    </message>
    <message>
        <source>a quota needs a rep or a team</source>
        <translation>ノルマには担当者またはチームが必要です</translation>
    </message>
    <message>
        <source>the parent teams loop back to this team ({path})</source>
        <translation>親チームをたどるとこのチームに戻ります（{path}）</translation>
    </message>
    <message>
        <source>closed before it was created</source>
        <translation>作成日より前に完了しています</translation>
    </message>
    <message>
        <source>only a won deal can be cancelled</source>
        <translation>キャンセルできるのは受注した商談だけです</translation>
    </message>
    <message>
        <source>cancelled before it was closed</source>
        <translation>完了日より前にキャンセルされています</translation>
    </message>
    <message>
        <source>the shares of deal {deal!r} add up to {total}, not 100%</source>
        <translation>商談 {deal!r} の分割割合の合計が 100% ではなく {total} です</translation>
    </message>
    <message>
        <source>the tiers of plan {plan!r} must start at 0% and each start where the one before ends, only the last one open-ended</source>
        <translation>プラン {plan!r} のティアは 0% から始まり、各ティアは前のティアの終わりから始まる必要があります。上限なしにできるのは最後のティアだけです</translation>
    </message>
    <message>
        <source>the tier must end above where it starts</source>
        <translation>ティアの終わりは始まりより大きくなければなりません</translation>
    </message>
    <message>
        <source>{value!r} is an amount in {other}; amounts here are in {currency}</source>
        <translation>{value!r} は {other} の金額です。ここでの金額は {currency} 建てです</translation>
    </message>
    <message>
        <source>{value!r} is not an amount (expected a number such as 1,234.50)</source>
        <translation>{value!r} は金額ではありません (例: 1,234.50)</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation>{value!r} は整数ではありません</translation>
    </message>
    <message>
        <source>{value!r} is not a percentage (expected 35%, 0.35 or 1/3)</source>
        <translation>{value!r} はパーセンテージではありません (例: 35%、0.35 または 1/3)</translation>
    </message>
    <message>
        <source>{value} is a date, not a percentage (a spreadsheet turns 1/3 typed into a cell into a date): write 33.3333%, or &apos;1/3 to keep it as text</source>
        <translation>{value} はパーセンテージではなく日付です (表計算ソフトはセルに入力した 1/3 を日付に変えます): 33.3333% と書くか、文字列のままにするには &apos;1/3 と入力してください</translation>
    </message>
    <message>
        <source>{value!r} could be month first or day first: write the day as 2026-03-05, or give the order (import --date-order mdy or dmy, or a mapping&apos;s &quot;date_order&quot;)</source>
        <translation>{value!r} は月が先か日が先か分かりません: 2026-03-05 のように書くか、順序を指定してください (import --date-order mdy または dmy、またはマッピングの &quot;date_order&quot;)</translation>
    </message>
    <message>
        <source>{value} is out of range (expected {low} to {high})</source>
        <translation>{value} は範囲外です ({low}～{high} の範囲で指定してください)</translation>
    </message>
    <message>
        <source>{value} is outside the years Planner accepts ({low} to {high})</source>
        <translation>{value} は Planner で扱える年の範囲外です ({low}～{high})</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>値が必要です</translation>
    </message>
    <message>
        <source>{value!r} is not one of {allowed}</source>
        <translation>{value!r} は {allowed} のいずれでもありません</translation>
    </message>
    <message>
        <source>duplicate of an earlier row</source>
        <translation>前の行と重複しています</translation>
    </message>
    <message>
        <source>{value!r} is not an amount: write {number} (the decimal separator is a point)</source>
        <translation>{value!r} は金額ではありません: {number} と書いてください (小数点はピリオド(.)です)</translation>
    </message>
    <message>
        <source>{value!r} is not an amount: thousands separators group three digits (1,234,567.50) and the decimal separator is a point</source>
        <translation>{value!r} は金額ではありません: 桁区切りは3桁ごとで (1,234,567.50)、小数点はピリオド(.)です</translation>
    </message>
    <message>
        <source>{value!r} has more decimals than amounts in {currency} have ({digits})</source>
        <translation>{value!r} は {currency} の金額の小数桁数 ({digits}) より小数桁が多すぎます</translation>
    </message>
    <message>
        <source>Unknown currency {currency!r}: use an ISO code such as USD, KRW or JPY</source>
        <translation>不明な通貨 {currency!r}: USD・KRW・JPY などの ISO コードを使ってください</translation>
    </message>
    <message>
        <source>Bad period {text!r}: expected a month (2026-01), a quarter (2026-Q1) or a year (2026)</source>
        <translation>期間 {text!r} が正しくありません: 月 (2026-01)・四半期 (2026-Q1)・年 (2026) の形式で指定してください</translation>
    </message>
    <message>
        <source>Bad period {text!r}: Planner keeps the years {low} to {high}</source>
        <translation>期間 {text!r} が正しくありません: Planner で扱えるのは {low} 年から {high} 年までです</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>{path} を保存できませんでした: {reason}</translation>
    </message>
    <message>
        <source>{path} is a folder; choose a file name</source>
        <translation>{path} はフォルダーです。ファイル名を指定してください</translation>
    </message>
    <message>
        <source>{path} is one of the files being imported: choose another name for the book</source>
        <translation>{path} はインポート中のファイルの一つです。ブックに別の名前を選んでください</translation>
    </message>
    <message>
        <source>{path} is one of the files this command reads or writes: choose another name</source>
        <translation>{path} はこのコマンドが読み書きするファイルの一つです。別の名前を選んでください</translation>
    </message>
    <message>
        <source>Cannot save {path}: the folder {folder} does not exist</source>
        <translation>{path} を保存できません: フォルダー {folder} がありません</translation>
    </message>
    <message>
        <source>Cannot save {path}: no permission to write there</source>
        <translation>{path} を保存できません: 書き込み権限がありません</translation>
    </message>
    <message>
        <source>{path} is a folder, not a Planner book</source>
        <translation>{path} はフォルダーで、Planner ブックではありません</translation>
    </message>
    <message>
        <source>{value!r} is too large for Planner</source>
        <translation>{value!r} は Planner で扱うには大きすぎます</translation>
    </message>
    <message>
        <source>{path} is not a Planner book</source>
        <translation>{path} は Planner ブックではありません</translation>
    </message>
    <message>
        <source>{path} is damaged (its Planner information cannot be read)</source>
        <translation>{path} は破損しています (Planner 情報を読み込めません)</translation>
    </message>
    <message>
        <source>{path} is damaged (its Planner information is not readable)</source>
        <translation>{path} は破損しています (Planner 情報の形式が正しくありません)</translation>
    </message>
    <message>
        <source>{target} holds something other than a Planner book; nothing was written (choose another file or an empty database)</source>
        <translation>{target} には Planner ブック以外のデータがあるため、何も書き込みませんでした (別のファイルか空のデータベースを選択してください)</translation>
    </message>
    <message>
        <source>{path} is damaged (table {table}: {reason}); open a backup copy</source>
        <translation>{path} は破損しています (表 {table}: {reason})。バックアップコピーを開いてください</translation>
    </message>
    <message>
        <source>{path} is on a read-only disk or folder: open it read-only, or copy it somewhere you can write</source>
        <translation>{path} は読み取り専用のディスクまたはフォルダーにあります。読み取り専用で開くか、書き込み可能な場所にコピーしてください</translation>
    </message>
    <message>
        <source>{path} was saved by a newer Planner (book format {version}); please update Planner</source>
        <translation>{path} は新しいバージョンの Planner で保存されています (ブック形式 {version})。Planner を更新してください</translation>
    </message>
    <message>
        <source>Not saved: {path} was saved again ({by}) after the work recovered here was last kept, and saving over it would undo that save. Save the recovered work as another file, then copy what you need across</source>
        <translation>保存されませんでした: ここで復元した作業が最後に保管された後に {path} が再び保存されています（{by}）。上書きするとその保存が取り消されます。復元した作業を別のファイルに保存し、必要な内容を移してください</translation>
    </message>
    <message>
        <source>{path} is open read-only: save a copy with Save As</source>
        <translation>{path} は読み取り専用で開かれています。[名前を付けて保存] でコピーを保存してください</translation>
    </message>
    <message>
        <source>Not saved: another Planner ({host}, {at}) changed the same rows since you opened the book: {rows}. Your changes are kept here: save them as a copy with Save As, or reopen the book and make them again</source>
        <translation>保存されませんでした: ブックを開いた後に、別の Planner ({host}、{at}) で同じ行が変更されています: {rows}。変更内容はここに残っています。[名前を付けて保存] でコピーとして保存するか、ブックを開き直してもう一度変更してください</translation>
    </message>
    <message>
        <source>{path} is locked by another program; try again in a moment</source>
        <translation>{path} は別のプログラムによってロックされています。しばらくしてからもう一度お試しください</translation>
    </message>
    <message>
        <source>{path} cannot be written by this database user ({reason}): ask the database&apos;s owner for write access</source>
        <translation>このデータベースユーザーは {path} に書き込めません ({reason}): データベースの所有者に書き込み権限を依頼してください</translation>
    </message>
    <message>
        <source>Could not bring {path} up to this Planner&apos;s book format: {reason}</source>
        <translation>{path} をこの Planner のブック形式に変換できませんでした: {reason}</translation>
    </message>
    <message>
        <source>{path} is damaged or truncated ({reason}); open a backup copy</source>
        <translation>{path} は破損しているか、途中で切れています ({reason})。バックアップコピーを開いてください</translation>
    </message>
    <message>
        <source>Nothing was imported: {count} problem(s) in {files}</source>
        <translation>何もインポートされませんでした: {files} に {count} 件の問題があります</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported</source>
        <translation>インポートがキャンセルされました。何もインポートされていません</translation>
    </message>
    <message>
        <source>{table} needs a column {name} ({aliases}, ...); none of the headers is one</source>
        <translation>{table} には {name} 列 ({aliases}, ...) が必要ですが、該当するヘッダーがありません</translation>
    </message>
    <message>
        <source>{table} needs a column {name} ({aliases}, ...): the stage(s) {stages} were taken as won or lost, and won and lost deals need one; map a column to {name}, or map those stages to an open stage</source>
        <translation>{table} には {name} 列 ({aliases}, ...) が必要です: ステージ {stages} は受注または失注とみなされ、受注・失注の商談にはこの値が必要です。列を {name} にマッピングするか、それらのステージを進行中のステージにマッピングしてください</translation>
    </message>
    <message>
        <source>{value!r} is also the id of row {other}</source>
        <translation>{value!r} は {other} 行目の ID でもあります</translation>
    </message>
    <message>
        <source>{value!r} is also the id of row {other} of {file}</source>
        <translation>{value!r} は {file} の {other} 行目の ID でもあります</translation>
    </message>
    <message>
        <source>{value!r} is also the id of row {other} of sheet {sheet} of {file}</source>
        <translation>{value!r} は {file} のシート {sheet} の {other} 行目の ID でもあります</translation>
    </message>
    <message>
        <source>{count} deal(s) have no owner: they go to the rep {rep!r} the import creates</source>
        <translation>{count} 件の商談に担当者がいません: インポートで作成される担当者 {rep!r} に割り当てられます</translation>
    </message>
    <message>
        <source>{count} rep(s) made from the names in {header}: {names}</source>
        <translation>{header} の名前から担当者を {count} 人作成しました: {names}</translation>
    </message>
    <message>
        <source>Mapping: the stage {name!r} goes to {target!r}, which is no stage of the book or the files, nor a kind of stage ({kinds})</source>
        <translation>マッピング: ステージ {name!r} の行き先 {target!r} はブックやファイルのステージでも、ステージの種類 ({kinds}) でもありません</translation>
    </message>
    <message>
        <source>Mapping: the owner {name!r} goes to {target!r}, which is no rep of the book or the files, nor &quot;new&quot; (a new rep)</source>
        <translation>マッピング: 担当者 {name!r} の行き先 {target!r} はブックやファイルの担当者でも &quot;new&quot; (新しい担当者) でもありません</translation>
    </message>
    <message>
        <source>{value!r} is not a stage of the book: map it to one of its stages, or to won, lost or open for a new stage (the import&apos;s Check page, or &quot;stages&quot; in --mapping)</source>
        <translation>{value!r} はブックのステージではありません: ブックのステージのどれか、または新しいステージなら won、lost、open のどれかにマッピングしてください (インポートの確認ページ、または --mapping の &quot;stages&quot;)</translation>
    </message>
    <message>
        <source>{value!r} is not a rep of the book: map it to one of its reps, or to &quot;new&quot; for a new rep (the import&apos;s Check page, or &quot;owners&quot; in --mapping)</source>
        <translation>{value!r} はブックの担当者ではありません: ブックの担当者のどれか、または新しい担当者なら &quot;new&quot; にマッピングしてください (インポートの確認ページ、または --mapping の &quot;owners&quot;)</translation>
    </message>
    <message>
        <source>the deal has no owner: map deals without an owner (the owner &quot;&quot;) to a rep of the book, or to &quot;new&quot; for a new rep Unassigned (the import&apos;s Check page, or &quot;owners&quot; in --mapping)</source>
        <translation>商談に担当者がいません: 担当者のない商談 (担当者 &quot;&quot;) をブックの担当者に、または新しい担当者 Unassigned なら &quot;new&quot; にマッピングしてください (インポートの確認ページ、または --mapping の &quot;owners&quot;)</translation>
    </message>
    <message>
        <source>{count} stage(s) made from the names in {header}: {names}</source>
        <translation>{header} の名前からステージを {count} 個作成しました: {names}</translation>
    </message>
    <message>
        <source>{count} stage(s) made for the orders: {names}</source>
        <translation>注文用にステージを {count} 個作成しました: {names}</translation>
    </message>
    <message>
        <source>a stage has one probability, not one per deal: the stages made took {taken}</source>
        <translation>確度は商談ごとではなくステージごとに 1 つです: 作成したステージの確度は {taken} です</translation>
    </message>
    <message>
        <source>the deals of {stages} disagree on their probability ({values}): the stage took {taken}; set it in the Stages sheet</source>
        <translation>{stages} の商談は確度が一致しません（{values}）: ステージの確度は {taken} にしました。ステージ シートで設定してください</translation>
    </message>
    <message>
        <source>a stage has one probability, not one per deal: the deals&apos; were not kept (the book&apos;s stages keep theirs)</source>
        <translation>確度は商談ごとではなくステージごとに 1 つです: 商談の確度は取り込みませんでした（ブックのステージは元の確度のままです）</translation>
    </message>
    <message>
        <source>{count} open deal(s) have no amount (counted as 0)</source>
        <translation>進行中の商談 {count} 件に金額がありません (0 として計算)</translation>
    </message>
    <message>
        <source>{count} open deal(s) have no created date (left out of cohort and cycle figures)</source>
        <translation>進行中の商談 {count} 件に作成日がありません (コホートとサイクルの数値から除外)</translation>
    </message>
    <message>
        <source>the file has no created-date column: {count} won or lost deal(s) are imported without one and stay problems of the book until their created dates are filled in</source>
        <translation>ファイルに作成日の列がありません: 受注または失注の商談 {count} 件は作成日なしでインポートされ、作成日が入力されるまでブックの問題として残ります</translation>
    </message>
    <message>
        <source>a won or lost deal needs its {what}</source>
        <translation>受注または失注の商談には {what} が必要です</translation>
    </message>
    <message>
        <source>{value!r} is not a status (expected open, won or lost)</source>
        <translation>{value!r} はステータスではありません (open、won、lost のいずれかが必要)</translation>
    </message>
    <message>
        <source>{header} holds no open, won or lost, so it is no deal status (the stage says that): kept as your own column</source>
        <translation>{header} には進行中・受注・失注の値がないため、商談の状態ではありません (状態はステージが示します): 独自の列として残します</translation>
    </message>
    <message>
        <source>{value!r} is not TRUE or FALSE</source>
        <translation>{value!r} は TRUE でも FALSE でもありません</translation>
    </message>
    <message>
        <source>a hidden sheet: left out (Excel hides it, and it may hold old or helper rows); map it to a table to import it</source>
        <translation>非表示のシート: 除外されました (Excel で非表示になっており、古い行や補助の行があるかもしれません)。インポートするには表にマッピングしてください</translation>
    </message>
    <message>
        <source>not a table of the book (its headers match none): left out; map it to a table to import it</source>
        <translation>ブックの表ではありません (一致するヘッダーがありません): 除外されました。インポートするには表にマッピングしてください</translation>
    </message>
    <message>
        <source>no deal id column: ids {first} to {last} were given in row order</source>
        <translation>商談 ID 列がありません: 行の順に ID {first} ～ {last} を付与しました</translation>
    </message>
    <message>
        <source>no deal id column: merging into a book matches deals by their ids</source>
        <translation>商談 ID 列がありません: ブックへのマージでは商談を ID で照合します</translation>
    </message>
    <message>
        <source>{count} date(s) such as {example!r} could be month/day or day/month: set the date order (mdy or dmy) in the mapping</source>
        <translation>{example!r} などの日付 {count} 件は月/日とも日/月とも読めます: マッピングで日付の順序 (mdy または dmy) を指定してください</translation>
    </message>
    <message>
        <source>{value!r} is a percent without its sign, but this column also holds fractions such as {other!r} (row {row}): write {percent} or {fraction}</source>
        <translation>{value!r} は記号のないパーセントですが、この列には {other!r} ({row} 行目) のような小数もあります: {percent} または {fraction} と書いてください</translation>
    </message>
    <message>
        <source>{value!r} is a fraction, but this column also holds percents without their sign such as {other!r} (row {row}): write {fraction} for the fraction or {percent} for the percent</source>
        <translation>{value!r} は小数ですが、この列には {other!r} ({row} 行目) のような記号のないパーセントもあります: 小数なら {fraction}、パーセントなら {percent} と書いてください</translation>
    </message>
    <message>
        <source>{file} could not be read: {reason}</source>
        <translation>{file} を読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>{file} is neither UTF-8 nor CP949 (EUC-KR) nor CP932 (Shift_JIS) text: save it as UTF-8 CSV</source>
        <translation>{file} は UTF-8、CP949 (EUC-KR)、CP932 (Shift_JIS) のいずれのテキストでもありません: UTF-8 の CSV として保存してください</translation>
    </message>
    <message>
        <source>no sheet of {files} has the headers of a table of the book, such as {expected}. Rename the headers, or say which header is which column: on the import&apos;s Sheets and columns page, or with --mapping MAP.json (the page&apos;s Save mapping writes one; the README shows its form)</source>
        <translation>{files} には、ブックの表の見出しを持つシートがありません。例: {expected}。見出しの名前を変えるか、どの見出しがどの列かを指定してください: 取り込みの「シートと列」ページで、または --mapping MAP.json で (そのページの「マッピングを保存」で作成でき、形式は README にあります)</translation>
    </message>
    <message>
        <source>the data of {files} lives only in its Power Pivot data model, which Planner cannot read (its sheets show a PivotTable of it). Export the table itself to a CSV or .xlsx file (Power BI Desktop: a table visual&apos;s More options, Export data; Excel: Power Pivot, Manage, then copy the table into a sheet) and import that file</source>
        <translation>{files} のデータは、Planner が読めない Power Pivot データモデルの中にしかありません (シートにあるのはそのピボットテーブルだけです)。表そのものを CSV または .xlsx ファイルにエクスポートし、そのファイルを取り込んでください (Power BI Desktop: テーブルビジュアルのその他のオプション → データのエクスポート、Excel: Power Pivot → 管理で表をシートにコピー)</translation>
    </message>
    <message>
        <source>read as an order log: {orders} order(s) from {lines} row(s) as won deals, {cancelled} cancelled; created and closed on each order&apos;s date</source>
        <translation>注文履歴として読み込みました: {lines} 行の注文 {orders} 件を受注商談とし、うち {cancelled} 件はキャンセルです。作成日と完了日は各注文の日付です</translation>
    </message>
    <message>
        <source>read as an order log: {orders} order(s) from {lines} row(s) as won deals, {cancelled} cancelled on their date ({reasons}); created and closed on each order&apos;s date</source>
        <translation>注文履歴として読み込みました: {lines} 行の注文 {orders} 件を受注商談とし、うち {cancelled} 件はその日付でキャンセルです ({reasons})。作成日と完了日は各注文の日付です</translation>
    </message>
    <message>
        <source>{value!r} differs from row {other} of the same order ({other_value!r}): the lines of one order share its date, owner, region and currency</source>
        <translation>{value!r} が同じ注文の {other} 行目 ({other_value!r}) と異なります: 1 つの注文の行は日付・担当者・地域・通貨が同じでなければなりません</translation>
    </message>
    <message>
        <source>{count} column(s) differ between the lines of one order and are left out: {names}</source>
        <translation>1 つの注文の行ごとに値が異なる {count} 列は取り込みません: {names}</translation>
    </message>
    <message>
        <source>{count} order(s) come to fractions of the smallest unit of {currency}, such as {example}: each order&apos;s amount is rounded once, half up ({rounded})</source>
        <translation>{count} 件の注文の合計が {currency} の最小単位未満の端数になります (例: {example}): 注文ごとに金額を一度だけ四捨五入します ({rounded})</translation>
    </message>
    <message>
        <source>each order&apos;s owner is the rep of its {header}: {pairs}</source>
        <translation>各注文の担当者は {header} の担当者です: {pairs}</translation>
    </message>
    <message>
        <source>an order log (Order ID, Order Date, Sales, Customer Name, Region)</source>
        <translation>注文履歴 (注文番号, 注文日, 売上, 顧客名, 地域)</translation>
    </message>
    <message>
        <source>the files do not say which currency their amounts are in: they are read as {currency}; choose another with --currency CODE (in the app: Currency, on the Sheets and columns page)</source>
        <translation>ファイルに金額の通貨が書かれていないため {currency} として読みました。別の通貨は --currency CODE で選んでください (アプリでは「シートと列」ページの通貨)</translation>
    </message>
    <message>
        <source>holds {value}, an Excel error (a formula that failed): fix the formula or clear the cell, then import again</source>
        <translation>{value} が入っています。Excel のエラー (失敗した数式) です: 数式を直すかセルを空にしてから、もう一度インポートしてください</translation>
    </message>
    <message>
        <source>a quote (&quot;) opened in this row is never closed: the rest of the file would be read into one cell; close it (a quote inside a cell is written twice: &quot;&quot;)</source>
        <translation>この行で開いた引用符 (&quot;) が閉じられていません: ファイルの残りが 1 つのセルとして読まれてしまいます。引用符を閉じてください (セル内の引用符は 2 つ重ねて書きます: &quot;&quot;)</translation>
    </message>
    <message>
        <source>this last row has {count} value(s) where the header row (row {header}) has {width}, and the file ends without a line break: it looks cut short; export it again</source>
        <translation>最後の行の値は {count} 個ですが、ヘッダー行 ({header} 行目) は {width} 個で、ファイルが改行なしで終わっています: 途中で切れているようです。もう一度エクスポートしてください</translation>
    </message>
    <message>
        <source>{count} value(s) where the header row (row {header}) has {width}: a delimiter ({delimiter}) out of place or a cell holding one without quotes; fix the row and import again</source>
        <translation>値が {count} 個ありますが、ヘッダー行 ({header} 行目) は {width} 個です: 区切り文字 ({delimiter}) の位置が誤っているか、区切り文字を含むセルが引用符で囲まれていません。行を直してからもう一度インポートしてください</translation>
    </message>
    <message>
        <source>nothing to import: {files} has a header row but no rows of data</source>
        <translation>インポートするものがありません: {files} にはヘッダー行だけがあり、データ行がありません</translation>
    </message>
    <message>
        <source>sheet {sheet}</source>
        <translation>シート {sheet}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>{row} 行目</translation>
    </message>
    <message>
        <source>column {column}</source>
        <translation>{column} 列</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}</source>
        <translation>{path} を読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>{rep} has no quota above zero for {period}: no commission computed</source>
        <translation>{rep} の {period} のノルマが 0 より大きくないため、コミッションを計算していません</translation>
    </message>
    <message>
        <source>No display found: run Planner in a desktop session (or set QT_QPA_PLATFORM=offscreen)</source>
        <translation>ディスプレイが見つかりません。デスクトップ環境で Planner を実行してください (または QT_QPA_PLATFORM=offscreen を設定)</translation>
    </message>
    <message>
        <source>{target} is not a database address (expected postgresql://user@host/database)</source>
        <translation>{target} はデータベースのアドレスではありません (例: postgresql://user@host/database)</translation>
    </message>
    <message>
        <source>{target} is not a database address: write @, : and / in a user name or password as %40, %3A and %2F (or leave the password out and set PGPASSWORD)</source>
        <translation>{target} はデータベースのアドレスではありません: ユーザー名やパスワードの @、:、/ は %40、%3A、%2F と書いてください (またはパスワードを省いて PGPASSWORD を設定してください)</translation>
    </message>
    <message>
        <source>{target} names no database: write postgresql://user@host/database</source>
        <translation>{target} にはデータベース名がありません: postgresql://user@host/database と書いてください</translation>
    </message>
    <message>
        <source>{target} is not a database address: the port must be a number from 1 to 65535 (postgresql://user@host:5432/database)</source>
        <translation>{target} はデータベースのアドレスではありません: ポートは 1 から 65535 までの数値です (postgresql://user@host:5432/database)</translation>
    </message>
    <message>
        <source>Unsupported database {scheme}: use a book file or postgresql://…</source>
        <translation>サポートされていないデータベース {scheme}: ブックファイルまたは postgresql://… を指定してください</translation>
    </message>
    <message>
        <source>{path} is damaged: its table(s) {names} are missing</source>
        <translation>{path} は破損しています: 表 {names} がありません</translation>
    </message>
    <message>
        <source>{path} is damaged ({reason}); open a backup copy</source>
        <translation>{path} は破損しています ({reason})。バックアップコピーを開いてください</translation>
    </message>
    <message>
        <source>{where}: growth {value!r} is below -100% (the forecast would be negative)</source>
        <translation>{where}: 成長率 {value!r} が -100% を下回っています (予測がマイナスになります)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is an amount in another currency; amounts here are in {currency}</source>
        <translation>{where}: {value!r} は別の通貨の金額です。ここでの金額は {currency} 建てです</translation>
    </message>
    <message>
        <source>{where}: {value!r} is ambiguous: write {value}% or {fraction} (a number without % is a fraction: 0.05 is 5%)</source>
        <translation>{where}: {value!r} はあいまいです: {value}% または {fraction} と書いてください (% のない数値は割合です: 0.05 は 5%)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is more than {most} {currency}</source>
        <translation>{where}: {value!r} は {most} {currency} を超えています</translation>
    </message>
    <message>
        <source>{where}: {value!r} is not a growth rate from -100% to 1000% (such as 5% or 0.05)</source>
        <translation>{where}: {value!r} は -100% から 1000% までの成長率ではありません (例: 5% または 0.05)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is not a number of reps (a whole number from 0 to 10,000)</source>
        <translation>{where}: {value!r} は担当者数ではありません (0 から 10,000 までの整数)</translation>
    </message>
    <message>
        <source>{where}: {value!r} is not an amount in {currency}</source>
        <translation>{where}: {value!r} は {currency} の金額ではありません</translation>
    </message>
    <message>
        <source>as_of {text!r} is not a date (expected 2026-06-30)</source>
        <translation>as_of {text!r} は日付ではありません (例: 2026-06-30)</translation>
    </message>
    <message>
        <source>{sheet} has {rows:,} rows: an Excel sheet holds at most {limit:,} rows under its header</source>
        <translation>{sheet} には {rows:,} 行あります: Excel のシートはヘッダーの下に最大 {limit:,} 行までしか保持できません</translation>
    </message>
    <message>
        <source>{sheet} {cell}: the formula would be longer than Excel allows; only the app&apos;s value is given</source>
        <translation>{sheet} {cell}: 数式が Excel の上限より長くなるため、アプリの値のみを出力します</translation>
    </message>
    <message>
        <source>{sheet} row {row}, column {column}: text of {length:,} characters is longer than an Excel cell holds ({limit:,})</source>
        <translation>{sheet} {row} 行目、{column} 列: {length:,} 文字のテキストは Excel のセルの上限 ({limit:,}) を超えています</translation>
    </message>
    <message>
        <source>This is not a Planner import mapping (no &quot;planner_mapping&quot; key)</source>
        <translation>Planner のインポートマッピングではありません (&quot;planner_mapping&quot; キーがありません)</translation>
    </message>
    <message>
        <source>This import mapping has format {version}; this Planner reads format {known}</source>
        <translation>このインポートマッピングの形式は {version} です。この Planner が読める形式は {known} です</translation>
    </message>
    <message>
        <source>Mapping: {key!r} must map names to names (such as &quot;Closed Maybe&quot;: &quot;Closed Won&quot;)</source>
        <translation>マッピング: {key!r} は名前を名前に対応させる必要があります (例: &quot;Closed Maybe&quot;: &quot;Closed Won&quot;)</translation>
    </message>
    <message>
        <source>Mapping: {source!r} goes to {table!r}, which is not a table (use one of {tables})</source>
        <translation>マッピング: {source!r} の行き先 {table!r} は表ではありません ({tables} のいずれかを使用してください)</translation>
    </message>
    <message>
        <source>Mapping: {table!r} is not a table (use one of {tables})</source>
        <translation>マッピング: {table!r} は表ではありません ({tables} のいずれかを使用してください)</translation>
    </message>
    <message>
        <source>Mapping: {header!r} goes to {column!r}, which is not a column of {table}</source>
        <translation>マッピング: {header!r} の行き先 {column!r} は {table} の列ではありません</translation>
    </message>
    <message>
        <source>Mapping: date_order {value!r} is not auto, mdy or dmy</source>
        <translation>マッピング: date_order {value!r} は auto、mdy、dmy のいずれでもありません</translation>
    </message>
    <message>
        <source>Mapping: date_system {value!r} is not auto, 1900 or 1904</source>
        <translation>マッピング: date_system {value!r} は auto、1900、1904 のいずれでもありません</translation>
    </message>
    <message>
        <source>{path} is not an import mapping (JSON): {reason}</source>
        <translation>{path} はインポートマッピング (JSON) ではありません: {reason}</translation>
    </message>
    <message>
        <source>{file} is an encrypted (password-protected) workbook; encrypted workbooks are not supported: save a copy without a password as .xlsx</source>
        <translation>{file} は暗号化された (パスワードで保護された) ブックです。暗号化されたブックはサポートされていません: パスワードなしのコピーを .xlsx として保存してください</translation>
    </message>
    <message>
        <source>{file} is an Excel 97-2003 workbook (.xls), which is not supported: save it as .xlsx</source>
        <translation>{file} は Excel 97-2003 ブック (.xls) で、サポートされていません: .xlsx として保存してください</translation>
    </message>
    <message>
        <source>{file} is an Excel binary workbook (.xlsb), which is not supported: save it as .xlsx</source>
        <translation>{file} は Excel バイナリブック (.xlsb) で、サポートされていません: .xlsx として保存してください</translation>
    </message>
    <message>
        <source>{file} is an OpenDocument spreadsheet (.ods), which is not supported: save it as .xlsx</source>
        <translation>{file} は OpenDocument スプレッドシート (.ods) で、サポートされていません: .xlsx として保存してください</translation>
    </message>
    <message>
        <source>{file} is not an Excel workbook (.xlsx) or a CSV file</source>
        <translation>{file} は Excel ブック (.xlsx) でも CSV ファイルでもありません</translation>
    </message>
    <message>
        <source>{file} is a damaged or incomplete workbook (cut short while copied or downloaded?): open it in Excel and save it again, or get a new copy</source>
        <translation>{file} は破損しているか不完全なブックです (コピーやダウンロードの途中で切れた可能性があります): Excel で開いて保存し直すか、新しいコピーを入手してください</translation>
    </message>
    <message>
        <source>{file} is empty (0 bytes)</source>
        <translation>{file} は空です (0 バイト)</translation>
    </message>
    <message>
        <source>{file} was refused: it is larger than {limit} MB</source>
        <translation>{file} は拒否されました: {limit} MB を超えています</translation>
    </message>
    <message>
        <source>{file} was refused: it holds more than {limit:,} cells (split it into smaller files)</source>
        <translation>{file} は拒否されました: セルが {limit:,} 個を超えています (小さなファイルに分けてください)</translation>
    </message>
    <message>
        <source>{file} is damaged: {reason}</source>
        <translation>{file} は破損しています: {reason}</translation>
    </message>
    <message>
        <source>{file} was refused: it holds more than {limit} parts</source>
        <translation>{file} は拒否されました: パーツが {limit} 個を超えています</translation>
    </message>
    <message>
        <source>{file} was refused: it would expand to more than {limit} MB (a zip bomb?)</source>
        <translation>{file} は拒否されました: 展開すると {limit} MB を超えます (zip 爆弾?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} expands {ratio:,}:1, more than {limit}:1 (a zip bomb?)</source>
        <translation>{file} は拒否されました: {part} の展開率が {ratio:,}:1 で、{limit}:1 を超えています (zip 爆弾?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} is larger than {limit} MB</source>
        <translation>{file} は拒否されました: {part} が {limit} MB を超えています</translation>
    </message>
    <message>
        <source>{file} is damaged: {part} is not well-formed XML ({reason})</source>
        <translation>{file} は破損しています: {part} は整形式の XML ではありません ({reason})</translation>
    </message>
    <message>
        <source>{file} was refused: {part} declares XML entities (&lt;!DOCTYPE), which can exhaust memory (an entity-expansion attack?)</source>
        <translation>{file} は拒否されました: {part} がメモリを使い果たすおそれのある XML エンティティ (&lt;!DOCTYPE) を宣言しています (エンティティ展開攻撃?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} expands beyond the size it declares (a zip bomb?)</source>
        <translation>{file} は拒否されました: {part} が宣言されたサイズを超えて展開されます (zip 爆弾?)</translation>
    </message>
    <message>
        <source>{file} was refused: {part} does not start like XML</source>
        <translation>{file} は拒否されました: {part} が XML として始まっていません</translation>
    </message>
    <message>
        <source>{file} was refused: sheet {part} spans {rows:,} rows × {columns:,} columns, more than {limit:,} cells</source>
        <translation>{file} は拒否されました: シート {part} は {rows:,} 行 × {columns:,} 列にわたり、{limit:,} セルを超えています</translation>
    </message>
    <message>
        <source>{file} was refused: sheet {part} declares {rows:,} rows × {columns:,} columns, more than {limit:,} cells</source>
        <translation>{file} は拒否されました: シート {part} は {rows:,} 行 × {columns:,} 列を宣言しており、{limit:,} セルを超えています</translation>
    </message>
    <message>
        <source>Not changed: {rep} has already won {won} in {period}; an override of {amount} would forecast less than what is already won</source>
        <translation>変更されていません: {rep} は {period} にすでに {won} を受注しています。{amount} に上書きすると、受注済みの額より少なく予測されます</translation>
    </message>
    <message>
        <source>{value!r} is not a signal of the lead scoring rules</source>
        <translation>{value!r} はリードスコアリングのルールにないシグナルです</translation>
    </message>
    <message>
        <source>{value!r}: a signal counts from 0 to 1,000,000 times</source>
        <translation>{value!r}: シグナルの回数は 0 から 1,000,000 までです</translation>
    </message>
    <message>
        <source>a signal&apos;s name cannot contain &apos;;&apos; or &apos;,&apos;</source>
        <translation>シグナル名に &apos;;&apos; や &apos;,&apos; は使えません</translation>
    </message>
    <message>
        <source>the signal {value!r} has an earlier rule</source>
        <translation>シグナル {value!r} のルールはすでに上にあります</translation>
    </message>
    <message>
        <source>the lead threshold {value!r} is not a whole number of points</source>
        <translation>リードのしきい値 {value!r} は整数のポイントではありません</translation>
    </message>
    <message>
        <source>scores {score}, below the threshold {threshold}: not converted</source>
        <translation>スコア {score} はしきい値 {threshold} 未満のため転換しません</translation>
    </message>
    <message>
        <source>already converted to deal {deal}</source>
        <translation>すでに商談 {deal} に転換済みです</translation>
    </message>
    <message>
        <source>has no owner: choose the rep who will own the deal</source>
        <translation>担当者がいません: 商談を担当する営業担当者を選んでください</translation>
    </message>
    <message>
        <source>its signals have a problem; fix them before converting</source>
        <translation>シグナルに問題があります。転換する前に修正してください</translation>
    </message>
    <message>
        <source>the Stages sheet has no open stage for new deals</source>
        <translation>ステージのシートに新しい商談用の進行中ステージがありません</translation>
    </message>
    <message>
        <source>no lead is selected</source>
        <translation>リードが選択されていません</translation>
    </message>
    <message>
        <source>This book already records what happened after {day} (up to {latest}): a snapshot dated {day} would use hindsight. Take it dated {latest} or later</source>
        <translation>このブックには {day} より後（{latest} まで）に起きたことがすでに記録されています。{day} 付けのスナップショットは後知恵を使うことになります。{latest} 以降の日付で保存してください</translation>
    </message>
    <message>
        <source>{path} exists and is not an Excel workbook: it is not replaced (choose another name)</source>
        <translation>{path} は既に存在し、Excel ブックではありません。置き換えません(別の名前を選んでください)</translation>
    </message>
    <message>
        <source>{path} is the book being exported: choose another name for the workbook</source>
        <translation>{path} はエクスポート中のブックです。ワークブックに別の名前を選んでください</translation>
    </message>
    <message>
        <source>{path}: export writes an Excel workbook; give it a name ending in .xlsx ({suggested})</source>
        <translation>{path}: エクスポートは Excel ブックを書き出します。名前を .xlsx で終わらせてください ({suggested})</translation>
    </message>
    <message>
        <source>the output could not be written: {reason}</source>
        <translation>出力を書き込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>Not a change Planner can read: {detail}</source>
        <translation>Planner が読める変更ではありません: {detail}</translation>
    </message>
    <message>
        <source>This book has no place to be saved yet: save it with Save As</source>
        <translation>このブックにはまだ保存先がありません。[名前を付けて保存] で保存してください</translation>
    </message>
    <message>
        <source>{flag} must be a year such as 2027, not {value!r}</source>
        <translation>{flag} は 2027 のような年でなければなりません ({value!r} ではなく)</translation>
    </message>
    <message>
        <source>--productivity {value!r}: write ROLE=AMOUNT, e.g. &quot;Account executive=400000&quot;</source>
        <translation>--productivity {value!r}: 役割=金額 の形で書いてください。例: &quot;Account executive=400000&quot;</translation>
    </message>
    <message>
        <source>--productivity: no rep has the role {role!r} (the roles: {roles})</source>
        <translation>--productivity: 役割 {role!r} の担当者はいません(役割: {roles})</translation>
    </message>
    <message>
        <source>{path}: a CSV file of two columns, rep and weight, is expected</source>
        <translation>{path}: 担当者と重みの 2 列の CSV ファイルが必要です</translation>
    </message>
    <message>
        <source>{path}, row {row}: {message}</source>
        <translation>{path}、{row} 行目: {message}</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes with --apply to write this plan</source>
        <translation>{book} は変更されていません: この計画を書き込むには --apply と一緒に --yes を指定してください</translation>
    </message>
    <message>
        <source>{book} was changed by someone else while the plan was made; nothing was written: run the command again</source>
        <translation>計画の作成中に他の人が {book} を変更しました。何も書き込んでいません。コマンドをもう一度実行してください</translation>
    </message>
    <message>
        <source>seasonality from history needs a basis year that is over: {basis} is not over on {as_of} (use --basis {before})</source>
        <translation>実績による季節性には終わった基準年が必要です: {as_of} の時点で {basis} 年はまだ終わっていません (--basis {before} を使用)</translation>
    </message>
    <message>
        <source>no deal was won in {basis}: weights by won revenue and seasonality from history need a basis year with wins (use --basis, or equal weights and flat seasonality)</source>
        <translation>{basis} 年に受注した商談がありません: 受注額による重みと実績による季節性には受注のある基準年が必要です (--basis を使うか、均等な重みと均一な季節性を使用)</translation>
    </message>
    <message>
        <source>seasonality from history needs a basis year that is over: {basis} is not over on {as_of} (choose {before} or earlier as the Basis year)</source>
        <translation>履歴による季節性には終わった基準年が必要です: {as_of} の時点で {basis} 年はまだ終わっていません (基準年に {before} 年以前を選んでください)</translation>
    </message>
    <message>
        <source>no deal was won in {basis}: weights by won revenue and seasonality from history need a basis year with wins (choose another Basis year, or Equal weights and Flat seasonality)</source>
        <translation>{basis} 年に受注した案件がありません: 受注額による重みと履歴による季節性には受注のある基準年が必要です (別の基準年を選ぶか、重みを均等、季節性を均一にしてください)</translation>
    </message>
    <message>
        <source>the year must be from {low} to {high}, not {year}</source>
        <translation>年は {low} から {high} まででなければなりません ({year} ではなく)</translation>
    </message>
    <message>
        <source>the target must be zero or more</source>
        <translation>目標は 0 以上でなければなりません</translation>
    </message>
    <message>
        <source>the target × over-assignment must be at most {high} {currency}</source>
        <translation>目標 × 上乗せ配分は最大 {high} {currency} まででなければなりません</translation>
    </message>
    <message>
        <source>over-assignment must be above 0% and at most 1000% (110% or 1.10)</source>
        <translation>上乗せ配分は 0% より大きく 1000% 以下でなければなりません (110% または 1.10)</translation>
    </message>
    <message>
        <source>unknown weights {value!r}: use equal, won or hand:FILE (the book has no territory potential column)</source>
        <translation>不明な重み {value!r}: equal、won、hand:FILE のいずれかを使用してください (ブックにテリトリーの潜在力の列はありません)</translation>
    </message>
    <message>
        <source>unknown seasonality {value!r}: use flat, history or hand</source>
        <translation>不明な季節性 {value!r}: flat、history、hand のいずれかを使用してください</translation>
    </message>
    <message>
        <source>the closed months of {year} ({periods}) hold quotas of {kept} already, more than the {assigned} to assign (target × over-assignment): raise the target, or reopen {periods}</source>
        <translation>{year} 年の締め済みの月 ({periods}) には既に {kept} のノルマがあり、配分する {assigned} (目標 × 上乗せ配分) を超えています: 目標を上げるか、{periods} の締めを解除してください</translation>
    </message>
    <message>
        <source>every month of {year} is closed ({periods}): nothing is left to plan</source>
        <translation>{year} 年のすべての月が締め済みです ({periods}): 計画できる月が残っていません</translation>
    </message>
    <message>
        <source>seasonality by hand needs 12 numbers of zero or more, not all zero</source>
        <translation>手入力の季節性には 0 以上の数値が 12 個必要です (すべて 0 は不可)</translation>
    </message>
    <message>
        <source>a ramp is at most {months} monthly steps, each from 0% to 100%</source>
        <translation>立ち上がりは最大 {months} か月の段階で、各段階は 0% から 100% までです</translation>
    </message>
    <message>
        <source>{flag} {value!r} is not an amount in {currency}</source>
        <translation>{flag} {value!r} は {currency} の金額ではありません</translation>
    </message>
    <message>
        <source>{flag}: type an amount in {currency}</source>
        <translation>{flag}: {currency} の金額を入力してください</translation>
    </message>
    <message>
        <source>{flag} {value!r} is an amount in {other}; amounts here are in {currency}</source>
        <translation>{flag} {value!r} は {other} の金額です。ここでの金額は {currency} 建てです</translation>
    </message>
    <message>
        <source>{flag}: {value!r} is not a number</source>
        <translation>{flag}: {value!r} は数値ではありません</translation>
    </message>
    <message>
        <source>ramp: {value!r} is not a percentage (write 25 or 25%)</source>
        <translation>立ち上がり: {value!r} はパーセントではありません (25 または 25% と書いてください)</translation>
    </message>
    <message>
        <source>weights by hand must be zero or more</source>
        <translation>手入力の重みは 0 以上でなければなりません</translation>
    </message>
    <message>
        <source>weights by hand: no weight for {reps}</source>
        <translation>手入力の重み: {reps} の重みがありません</translation>
    </message>
    <message>
        <source>weights by hand: no weight for {reps} and {more} more</source>
        <translation>手入力の重み: {reps} ほか {more} 人の重みがありません</translation>
    </message>
    <message>
        <source>nothing to spread the target over: no rep active in {year} has a weight above zero</source>
        <translation>目標を配分する相手がいません: {year} 年に在籍する担当者に重みが 0 より大きい人がいません</translation>
    </message>
    <message>
        <source>{reps}: less than a quarter of {basis} to judge by, weighted at their role&apos;s mean run rate</source>
        <translation>{reps}: {basis} 年の在籍が四半期未満のため、役割の平均年換算実績で重み付けしました</translation>
    </message>
    <message>
        <source>{reps} keep their own quarter or year Quotas rows of {year}: those rows, not the planned months, stay their quarter and year quotas</source>
        <translation>{reps} には {year} 年の四半期または年間のノルマ行が残ります: 計画した月ではなく、その行が四半期・年間のノルマになります</translation>
    </message>
    <message>
        <source>teams {teams} have Quotas rows of their own in {year}: those rows win over their reps&apos; planned months</source>
        <translation>チーム {teams} には {year} 年の独自のノルマ行があります: 担当者の計画した月よりその行が優先されます</translation>
    </message>
    <message>
        <source>nothing was won in {months} of {basis}: seasonality from history gives those months no quota (choose flat or by hand to give them one)</source>
        <translation>{basis}年の {months} は受注がありませんでした: 実績による季節性ではそれらの月にノルマが割り当てられません(割り当てるには均等または手入力を選んでください)</translation>
    </message>
    <message>
        <source>{periods} closed: the quotas of {months} are kept as they are ({kept}); the rest of the year, {rest}, is spread over the open months</source>
        <translation>{periods} は締め済み: {months} のノルマはそのまま維持されます ({kept})。年間の残り {rest} は締めていない月に配分されます</translation>
    </message>
    <message>
        <source>no productivity for {roles}: their reps count for nothing in capacity</source>
        <translation>{roles} の生産性がありません: その担当者はキャパシティに数えられません</translation>
    </message>
    <message>
        <source>{book} has no rep with the id or name {rep!r}</source>
        <translation>{book} に ID または名前が {rep!r} の担当者はいません</translation>
    </message>
    <message>
        <source>{rep} has no commission statement for {period}: not on a plan, or not employed then</source>
        <translation>{rep} の {period} のコミッション明細書はありません: プランがないか、その期間に在籍していません</translation>
    </message>
    <message>
        <source>{book} was changed by someone else while the close was planned; nothing was done: run the command again</source>
        <translation>締めの準備中に他のユーザーが {book} を変更しました。何も行っていません: もう一度コマンドを実行してください</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes to {action} {period}, or --dry-run to only show what it does</source>
        <translation>{book} は変更されていません: {period} の {action} を行うには --yes を、内容の表示だけなら --dry-run を指定してください</translation>
    </message>
    <message>
        <source>{period} cannot be closed: it has not ended on {as_of} (the book&apos;s date)</source>
        <translation>{period} は締められません: ブックの基準日 {as_of} の時点でまだ終わっていません</translation>
    </message>
    <message>
        <source>{period} is already closed (on {at} by {by})</source>
        <translation>{period} はすでに締め済みです（{at}、{by}）</translation>
    </message>
    <message>
        <source>{period} is already closed as part of {closed}</source>
        <translation>{period} は {closed} の一部としてすでに締め済みです</translation>
    </message>
    <message>
        <source>{period} is closed as part of {closed}: reopen {closed} instead</source>
        <translation>{period} は {closed} の一部として締められています: 代わりに {closed} を再オープンしてください</translation>
    </message>
    <message>
        <source>{period} lies inside {closed}, which is closed too: reopen {closed} first</source>
        <translation>{period} は締められている {closed} の中にあります: 先に {closed} を再オープンしてください</translation>
    </message>
    <message>
        <source>{period} is not closed: there is nothing to reopen</source>
        <translation>{period} は締められていません: 解除するものはありません</translation>
    </message>
    <message>
        <source>{period} cannot be closed while {count} problem(s) touch it</source>
        <translation>{count} 件の問題が関係しているため {period} は締められません</translation>
    </message>
    <message>
        <source>this would change the figures of {period}, which is closed: reopen {period} first, or date the change after it</source>
        <translation>締め済みの {period} の数値が変わります: 先に {period} の締めを解除するか、変更の日付をそれ以降にしてください</translation>
    </message>
    <message>
        <source>closed periods and their ledger lines are never changed or deleted: reopen the period instead</source>
        <translation>締め済みの期間とその台帳の行は変更も削除もできません: 代わりに締めを解除してください</translation>
    </message>
    <message>
        <source>{path} exists and is not a PDF file: it is not replaced (choose another name)</source>
        <translation>{path} は既にあり、PDF ファイルではありません: 置き換えません (別の名前を選んでください)</translation>
    </message>
    <message>
        <source>{path}: statements are written as a PDF file; give it a name ending in .pdf ({suggested})</source>
        <translation>{path}: 明細書は PDF ファイルに書き出します。名前の末尾を .pdf にしてください ({suggested})</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>ファイルまたはフォルダーがありません</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>権限がありません</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>ディスク クォータを使い切りました</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>ディスクは読み取り専用です</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>フォルダーです</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>パスの一部がフォルダーではありません</translation>
    </message>
    <message>
        <source>it exists already</source>
        <translation>すでに存在します</translation>
    </message>
    <message>
        <source>it is in use</source>
        <translation>使用中です</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名前が長すぎます</translation>
    </message>
    <message>
        <source>the disk could not be read or written</source>
        <translation>ディスクの読み書きができませんでした</translation>
    </message>
    <message>
        <source>Plan {plan} has a problem (see the Problems panel): it pays nothing until it is fixed</source>
        <translation>プラン {plan} に問題があります(問題パネルを参照)。直すまで何も支給されません</translation>
    </message>
    <message>
        <source>{book} was not changed: pass --yes with --apply to set the observed win rates</source>
        <translation>{book} は変更されていません: 実績の受注率を設定するには --apply と一緒に --yes を指定してください</translation>
    </message>
    <message>
        <source>--from {first} comes after --to {last}</source>
        <translation>--from {first} が --to {last} より後です</translation>
    </message>
    <message>
        <source>--from {first} and --to {last}: both months or both quarters are expected</source>
        <translation>--from {first} と --to {last}: 両方とも月か、両方とも四半期にしてください</translation>
    </message>
    <message>
        <source>{value}: a month (2017-01) or a quarter (2017-Q1) is expected</source>
        <translation>{value}: 月 (2017-01) または四半期 (2017-Q1) を指定してください</translation>
    </message>
    <message>
        <source>the book has no deal with a created or closed date to backtest</source>
        <translation>バックテストできる作成日または完了日のある商談がありません</translation>
    </message>
    <message>
        <source>this plan assignment overlaps the rep&apos;s assignment from {other}: a rep is on one plan a day</source>
        <translation>このプラン割当は {other} からの割当と重なっています: 担当者は1日に1つのプランにのみ属します</translation>
    </message>
    <message>
        <source>Figures as of {day}: deals as they stood that day, with amounts as the Amount history records them (an amount changed before the book recorded amounts counts as today&apos;s)</source>
        <translation>{day} 時点の数値：その日の案件の状態と、金額履歴に記録された金額を使います（ブックが金額を記録する前に変わった金額は現在の金額とします）</translation>
    </message>
    <message>
        <source>the currency cannot change from {old} to {new} while the book holds amounts: {new} has {digits} decimal places, so every amount would change ({one} {old} would read {shown} {new}); to read amounts in {new}, import the files again with the currency chosen</source>
        <translation>ブックに金額がある間は通貨を {old} から {new} に変更できません: {new} の小数桁数は {digits} 桁のため、すべての金額が変わります ({one} {old} が {shown} {new} と読まれます)。金額を {new} として読むには、通貨を選んでファイルを取り込み直してください</translation>
    </message>
    <message>
        <source>{target} is open in another Planner ({who}) since {since}</source>
        <translation>{target} は別の Planner（{who}）で {since} から開かれています</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>{label} (app)</source>
        <translation>{label} (アプリ)</translation>
    </message>
    <message>
        <source>Agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Planner export</source>
        <translation>Planner エクスポート</translation>
    </message>
    <message>
        <source>Planner export: {company}</source>
        <translation>Planner エクスポート: {company}</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>終了日</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>基準日</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>エクスポート日時</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>端数処理</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Formula checks that disagree</source>
        <translation>一致しない数式チェック</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Each computed sheet holds live formulas over the input sheets (Deals, Splits, Quotas, Stages, Plans, PlanTiers, PlanBonuses), Planner&apos;s value beside each formula (the &quot;(app)&quot; columns) and an Agrees column: TRUE when every formula of the row equals Planner&apos;s value to the minor unit.</source>
        <translation>計算シートには入力シート (Deals, Splits, Quotas, Stages, Plans, PlanTiers, PlanBonuses) を参照する数式があり、各数式の横に Planner が計算した値 (「(アプリ)」列) と一致列があります。行のすべての数式が Planner の値と最小通貨単位まで等しければ TRUE です。</translation>
    </message>
    <message>
        <source>Money is in {currency}; formulas round as the book does ({rounding}).</source>
        <translation>金額は {currency} です。数式はブックと同じ方法 ({rounding}) で端数を処理します。</translation>
    </message>
    <message>
        <source>CreditLines credit each won deal to its owner, or to the reps of its Splits rows by their shares, in the period it closed, and reverse it in the period it was cancelled; attainment and commissions sum them.</source>
        <translation>CreditLines は受注した商談を成約した期間に担当者へ、または Splits の行の担当者へ割合どおりに計上し、取り消された期間に戻し入れます。達成率とコミッションはこれらの行を合計します。</translation>
    </message>
    <message>
        <source>Statements hold each payout&apos;s lines: every credited deal on each tier of the rep&apos;s plan (and its retroactive lift), its clawback, the cap and the bonuses. Change an amount, a cancellation date, a share, a quota or a rate on the input sheets and the credit, attainment and commissions follow (Agrees turns FALSE where they leave Planner&apos;s values).</source>
        <translation>Statements には支払いごとの明細があります: 計上された商談ごとに担当者のプランの各ティア(と遡及調整)、クローバック、上限、ボーナス。入力シートで金額、キャンセル日、割合、ノルマ、料率を変えると、計上実績、達成率、コミッションが追従します (Planner の値と異なると一致が FALSE になります)。</translation>
    </message>
</context>
<context>
    <name>quadrants</name>
    <message>
        <source>Rising star</source>
        <translation>ライジングスター</translation>
    </message>
    <message>
        <source>Falling star</source>
        <translation>フォーリングスター</translation>
    </message>
    <message>
        <source>Improving laggard</source>
        <translation>改善中の低達成者</translation>
    </message>
    <message>
        <source>Worsening laggard</source>
        <translation>悪化中の低達成者</translation>
    </message>
</context>
<context>
    <name>schema</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定項目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Stage calibration</source>
        <translation>ステージの校正</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Probability (book)</source>
        <translation>確度 (ブック)</translation>
    </message>
    <message>
        <source>Deals in the stage</source>
        <translation>このステージを経た商談</translation>
    </message>
    <message>
        <source>Later won</source>
        <translation>その後受注</translation>
    </message>
    <message>
        <source>Later lost</source>
        <translation>その後失注</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>Observed win rate</source>
        <translation>実績の受注率</translation>
    </message>
    <message>
        <source>95% interval, low</source>
        <translation>95% 区間の下限</translation>
    </message>
    <message>
        <source>95% interval, high</source>
        <translation>95% 区間の上限</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>順序</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>確度</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Exit criteria</source>
        <translation>次ステージへの条件</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>営業担当者</translation>
    </message>
    <message>
        <source>Stage conversion</source>
        <translation>ステージ転換率</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>到達</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>次ステージへ進行</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>転換率</translation>
    </message>
    <message>
        <source>Conversion (cohort)</source>
        <translation>コンバージョン率（コホート）</translation>
    </message>
    <message>
        <source>Average won deal</source>
        <translation>平均受注額</translation>
    </message>
    <message>
        <source>Velocity per day</source>
        <translation>1日あたりのパイプライン速度</translation>
    </message>
    <message>
        <source>Open value expected in period</source>
        <translation>期間内の受注予定額</translation>
    </message>
    <message>
        <source>Quota remaining</source>
        <translation>残りのノルマ</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>カバレッジ</translation>
    </message>
    <message>
        <source>Pipeline by rep</source>
        <translation>担当者別パイプライン</translation>
    </message>
    <message>
        <source>Pipeline by team</source>
        <translation>チーム別パイプライン</translation>
    </message>
    <message>
        <source>Category forecast by rep</source>
        <translation>担当者別カテゴリ予測</translation>
    </message>
    <message>
        <source>Rep ID</source>
        <translation>担当者 ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>受注</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>コミット</translation>
    </message>
    <message>
        <source>Commit override</source>
        <translation>コミット上書き</translation>
    </message>
    <message>
        <source>Best case</source>
        <translation>ベストケース</translation>
    </message>
    <message>
        <source>Best case override</source>
        <translation>ベストケース上書き</translation>
    </message>
    <message>
        <source>Created deals</source>
        <translation>作成された商談</translation>
    </message>
    <message>
        <source>Won deals</source>
        <translation>受注商談</translation>
    </message>
    <message>
        <source>Won value</source>
        <translation>受注金額</translation>
    </message>
    <message>
        <source>Lost deals</source>
        <translation>失注商談</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>受注率</translation>
    </message>
    <message>
        <source>Average sales cycle (days)</source>
        <translation>平均営業サイクル(日)</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>マネージャー</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>終了日</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>プラン</translation>
    </message>
    <message>
        <source>Clawback window (days)</source>
        <translation>クローバック期間（日）</translation>
    </message>
    <message>
        <source>Base salary (year)</source>
        <translation>基本給 (年額)</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Parent team</source>
        <translation>親チーム</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商談</translation>
    </message>
    <message>
        <source>Deal ID</source>
        <translation>商談 ID</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商談名</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>取引先</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>完了予定日</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Deal type</source>
        <translation>商談タイプ</translation>
    </message>
    <message>
        <source>Forecast category</source>
        <translation>予測カテゴリ</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル日</translation>
    </message>
    <message>
        <source>Stage history</source>
        <translation>ステージ履歴</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>Amount history</source>
        <translation>金額履歴</translation>
    </message>
    <message>
        <source>Changed on</source>
        <translation>変更日</translation>
    </message>
    <message>
        <source>Amount before</source>
        <translation>変更前の金額</translation>
    </message>
    <message>
        <source>Currency before</source>
        <translation>変更前の通貨</translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation>ノルマ</translation>
    </message>
    <message>
        <source>% of base salary</source>
        <translation>基本給に対する割合</translation>
    </message>
    <message>
        <source>Plan multipliers</source>
        <translation>プラン倍率</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>SPIFFs</source>
        <translation>SPIFFインセンティブ</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>SPIFF</source>
        <translation>SPIFF</translation>
    </message>
    <message>
        <source>Plan assignments</source>
        <translation>プラン割当</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>終了日（当日を含む）</translation>
    </message>
    <message>
        <source>Plan draws</source>
        <translation>プランのドロー</translation>
    </message>
    <message>
        <source>Draw per period</source>
        <translation>期間ごとのドロー</translation>
    </message>
    <message>
        <source>Recoverable</source>
        <translation>回収可能</translation>
    </message>
    <message>
        <source>Target incentive (year)</source>
        <translation>目標インセンティブ（年）</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>日時（UTC）</translation>
    </message>
    <message>
        <source>By</source>
        <translation>実行者</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台帳</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>締め</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>ティア</translation>
    </message>
    <message>
        <source>Adjusts</source>
        <translation>調整対象</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Draw balance</source>
        <translation>ドロー残高</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>明細書</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>Tier (attainment)</source>
        <translation>ティア (達成率)</translation>
    </message>
    <message>
        <source>Forecast accuracy</source>
        <translation>予測精度</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Taken on</source>
        <translation>保存日</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>バックテスト</translation>
    </message>
    <message>
        <source>Rep or team</source>
        <translation>担当者またはチーム</translation>
    </message>
    <message>
        <source>Lead (periods)</source>
        <translation>先行期間</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>予測日</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Actual (won)</source>
        <translation>実績 (受注)</translation>
    </message>
    <message>
        <source>Forecast − actual</source>
        <translation>予測 − 実績</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Best (1: most accurate of the period)</source>
        <translation>最良 (1: その期間で最も正確)</translation>
    </message>
    <message>
        <source>Backtest by method</source>
        <translation>手法別バックテスト</translation>
    </message>
    <message>
        <source>Periods judged</source>
        <translation>評価した期間</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Accuracy by method</source>
        <translation>方式別の精度</translation>
    </message>
    <message>
        <source>Closed periods</source>
        <translation>終了した期間</translation>
    </message>
    <message>
        <source>Average accuracy</source>
        <translation>平均精度</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>バイアス</translation>
    </message>
    <message>
        <source>Mean absolute % error</source>
        <translation>平均絶対誤差率</translation>
    </message>
    <message>
        <source>Times best</source>
        <translation>最良の回数</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>ペーシング</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>見込み</translation>
    </message>
    <message>
        <source>Team pacing</source>
        <translation>チームのペーシング</translation>
    </message>
    <message>
        <source>Reps at quota</source>
        <translation>ノルマ達成の担当者</translation>
    </message>
    <message>
        <source>At quota</source>
        <translation>達成</translation>
    </message>
    <message>
        <source>With a quota</source>
        <translation>ノルマあり</translation>
    </message>
    <message>
        <source>% at quota</source>
        <translation>達成率（人数）</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>年初来</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>ノルマ</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>報酬プラン</translation>
    </message>
    <message>
        <source>Measured per</source>
        <translation>計算単位</translation>
    </message>
    <message>
        <source>Commission cap</source>
        <translation>コミッション上限</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Plan tiers</source>
        <translation>プランのティア</translation>
    </message>
    <message>
        <source>From attainment</source>
        <translation>達成率 (から)</translation>
    </message>
    <message>
        <source>To attainment</source>
        <translation>達成率 (まで)</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>料率</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Plan bonuses</source>
        <translation>プランのボーナス</translation>
    </message>
    <message>
        <source>At attainment</source>
        <translation>達成率の条件</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>ボーナス</translation>
    </message>
    <message>
        <source>Splits</source>
        <translation>実績の分割</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>Pipeline by stage</source>
        <translation>ステージ別パイプライン</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>進行中の商談</translation>
    </message>
    <message>
        <source>Open value</source>
        <translation>進行中の金額</translation>
    </message>
    <message>
        <source>Weighted value</source>
        <translation>加重金額</translation>
    </message>
    <message>
        <source>Team attainment</source>
        <translation>チーム達成率</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>達成率</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>計上実績</translation>
    </message>
    <message>
        <source>Forecast overrides</source>
        <translation>予測の上書き</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>上書き値</translation>
    </message>
    <message>
        <source>Set on</source>
        <translation>設定日</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>設定者</translation>
    </message>
    <message>
        <source>Forecast snapshots</source>
        <translation>予測スナップショット</translation>
    </message>
    <message>
        <source>Lead scoring rules</source>
        <translation>リードスコアリングのルール</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>シグナル</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>ポイント</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>リード</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>シグナル</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>コミッション</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>コミッション</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Commission lines</source>
        <translation>コミッション明細</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>対象金額</translation>
    </message>
    <message>
        <source>Lead scores</source>
        <translation>リードスコア</translation>
    </message>
    <message>
        <source>Lead ID</source>
        <translation>リードID</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>営業適格</translation>
    </message>
    <message>
        <source>Converted deal</source>
        <translation>転換した商談</translation>
    </message>
    <message>
        <source>Points per signal</source>
        <translation>シグナル別ポイント</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>終了日</translation>
    </message>
    <message>
        <source>Quota (reps)</source>
        <translation>ノルマ (担当者合計)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Open deals weighted</source>
        <translation>進行中商談の加重</translation>
    </message>
    <message>
        <source>Stage-weighted</source>
        <translation>ステージ加重</translation>
    </message>
    <message>
        <source>Won + all open deals expected</source>
        <translation>受注 + 見込まれるすべての進行中商談</translation>
    </message>
    <message>
        <source>Row in Deals</source>
        <translation>Deals の行</translation>
    </message>
    <message>
        <source>Order (same day)</source>
        <translation>順序 (同日)</translation>
    </message>
    <message>
        <source>Row in CreditLines</source>
        <translation>CreditLines の行</translation>
    </message>
    <message>
        <source>Commissions row</source>
        <translation>Commissions の行</translation>
    </message>
    <message>
        <source>Credited before</source>
        <translation>それまでの計上実績</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Forecast: won</source>
        <translation>予測: 受注</translation>
    </message>
    <message>
        <source>Forecast: open deals weighted</source>
        <translation>予測: 進行中商談の加重</translation>
    </message>
    <message>
        <source>Forecast: stage-weighted</source>
        <translation>予測: ステージ加重</translation>
    </message>
    <message>
        <source>Forecast: commit</source>
        <translation>予測: コミット</translation>
    </message>
    <message>
        <source>Forecast: best case</source>
        <translation>予測: ベストケース</translation>
    </message>
    <message>
        <source>Forecast: won + all open deals expected</source>
        <translation>予測: 受注 + 見込まれるすべての進行中商談</translation>
    </message>
    <message>
        <source>Rep quadrants</source>
        <translation>担当者の四象限</translation>
    </message>
    <message>
        <source>Last quarter</source>
        <translation>前四半期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>増減</translation>
    </message>
    <message>
        <source>Quadrant</source>
        <translation>象限</translation>
    </message>
</context>
<context>
    <name>statements</name>
    <message>
        <source>adjusts {period}</source>
        <translation>{period} の調整</translation>
    </message>
    <message>
        <source>adjusts {period}, cancelled</source>
        <translation>{period} の調整（取消）</translation>
    </message>
    <message>
        <source>adjusts {period}, recomputed</source>
        <translation>{period} の調整（再計算）</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <source>open</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>won</source>
        <translation>受注</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>失注</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>renewal</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>upsell</source>
        <translation>アップセル</translation>
    </message>
    <message>
        <source>pipeline</source>
        <translation>パイプライン</translation>
    </message>
    <message>
        <source>best_case</source>
        <translation>ベストケース</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>コミット</translation>
    </message>
    <message>
        <source>omitted</source>
        <translation>除外</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>四半期</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>marginal</source>
        <translation>段階方式</translation>
    </message>
    <message>
        <source>retroactive</source>
        <translation>遡及方式</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>ティア</translation>
    </message>
    <message>
        <source>retro_lift</source>
        <translation>遡及調整</translation>
    </message>
    <message>
        <source>cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>bonus</source>
        <translation>ボーナス</translation>
    </message>
    <message>
        <source>clawback</source>
        <translation>クローバック</translation>
    </message>
    <message>
        <source>spiff</source>
        <translation>SPIFF</translation>
    </message>
    <message>
        <source>draw</source>
        <translation>ドロー</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>調整</translation>
    </message>
    <message>
        <source>draw_recovery</source>
        <translation>ドロー回収</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>ステージ加重</translation>
    </message>
    <message>
        <source>historical</source>
        <translation>過去実績ベース</translation>
    </message>
    <message>
        <source>cycle_length</source>
        <translation>販売サイクルベース</translation>
    </message>
    <message>
        <source>commit_override</source>
        <translation>上書き反映のコミット</translation>
    </message>
    <message>
        <source>best_case_override</source>
        <translation>上書き反映のベストケース</translation>
    </message>
    <message>
        <source>close</source>
        <translation>締め</translation>
    </message>
    <message>
        <source>reopen</source>
        <translation>締め解除</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>recomputed</source>
        <translation>再計算</translation>
    </message>
    <message>
        <source>nothing was won in the period: accuracy is undefined</source>
        <translation>期間中に受注がないため精度は定義できません</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
</context>
</TS>
