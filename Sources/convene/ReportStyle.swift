/// The HTML report's style sheet: inline, for screens and for print.
enum ReportStyle {
    static let css = """
    :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --soft: #f5f7fa; --accent: #0f766e;
            --warn: #c2410c; --bad: #dc2626; --level: #334e68; --sector: #6b4f9e; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
           color: var(--ink); background: #fff; }
    main { max-width: 1360px; margin: 0 auto; padding: 28px 32px 48px; }
    header.top { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 22px; }
    header.top h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: -0.01em; }
    header.top p { margin: 0; color: var(--muted); }
    h2 { font-size: 20px; margin: 34px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
    h3 { font-size: 16px; margin: 22px 0 6px; }
    p.note { color: var(--muted); margin: 4px 0 12px; max-width: 980px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 8px 0 6px; }
    .card { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
    .card b { display: block; font-size: 26px; line-height: 1.1; color: var(--accent); }
    .card span { color: var(--muted); font-size: 13px; }
    .card.alert b { color: var(--warn); }
    .lede { font-size: 17px; margin: 14px 0 4px; max-width: 1000px; }
    figure { margin: 8px 0 18px; }
    figure svg { display: block; max-width: 100%; height: auto; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
    .legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted); margin-top: 8px; }
    .legend i { display: inline-block; width: 16px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 5px;
                border: 1px solid #9aa5b1; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 14px; }
    th, td { padding: 5px 7px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { background: var(--soft); font-weight: 600; white-space: nowrap; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tbody tr:nth-child(even) td { background: #fbfcfd; }
    td.gap { color: var(--bad); }
    td.title { min-width: 340px; }
    abbr { text-decoration: none; }
    .muted { color: var(--muted); }
    td .id { white-space: nowrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; color: var(--muted); }
    .chip { display: inline-block; padding: 1px 7px; margin: 1px 2px 1px 0; border-radius: 10px; font-size: 12px;
            background: #e3f2ef; color: #0b5d56; border: 1px solid #9fd3cb; }
    .chip.sector { background: #efe9f8; color: #553c84; border-color: #cdbbe8; }
    .chip.off { background: #fff; color: var(--muted); border-style: dashed; }
    .chip.upcoming { background: #fff; color: var(--muted); border-style: dotted; }
    .series { border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 8px; margin: 14px 0; }
    .flag { color: var(--bad); font-weight: 600; }
    footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
    svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
    @page { size: A4 landscape; margin: 12mm; }
    @media print {
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      h2 { break-after: avoid; }
      figure, .series, .card, tr { break-inside: avoid; }
      table { font-size: 8.5pt; }
    }
    """
}
