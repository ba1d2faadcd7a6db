/** How the numbers are made: printed under the table in docs/benchmarks.md. */
export const METHOD = `
- **Builds.** \`scripts/bench.sh\` builds every package with \`NODE_ENV=production\` (Vite production
  build of the dashboard, \`tsc\` for the BFF) and the bench-only AG Grid page
  (\`bench/baseline-page\`, never shipped).
- **Data.** The simulator's seeded generator (\`generateUsedCodes\`, seed 20240601) at 10,000, 50,000
  and 100,000 codes, served by the simulator in its own process with its rate limits off.
- **Ours (browser).** The production dashboard (\`apps/web/dist\`) served by the built BFF
  (\`apps/bff/dist/server.js\`, configured only through its documented environment) in front of
  that simulator; the BFF's cache is warm before the page loads. The dashboard asks for the
  list in its lines form (rows as arrays, parsed while they arrive: decision 014).
- **Baseline (browser).** AG Grid Community 36.2 on a bench-only page fed the BFF's JSON answer
  for the same list (the form any client but the dashboard gets), with the same 12 default columns and labels, blanks sorted last, exact numeric ids, and
  the settings that make it fastest (cached quick filter, row ids, no row animation). The Product
  filter is an AG Grid text "equals" filter set from a \`<select>\`, "Validity (years) minimum" a
  number filter set on input (no debounce, unlike AG Grid's own filter UI), search is its quick
  filter over the same searchable columns, export is \`exportDataAsCsv\`. AG Grid Community has no
  faceted filter (that is Enterprise), so the page counts Status values over
  \`forEachNodeAfterFilter\` on \`filterChanged\`.
- **Operations.** Sort: a click on the "Created" header, then on "Certificate order". Product: a
  click on one product in the Product popover (ours) / a \`<select>\` choice (AG Grid), a product
  from the middle of the mix. Facets: one keystroke in "Validity (years) minimum" (in "More
  filters" on ours), until the Status facet shows the new count. Search: the last keystroke of an
  organization word. Export: a click on "Export CSV" with every row in view.
- **Timing.** Debian's Chromium, headless, 1920×1000, driven by Playwright's library API. An
  operation starts at the \`timeStamp\` of the first input event (pointerdown, keydown, input,
  change) and ends after the first *painted* frame showing the expected result (checked in
  \`requestAnimationFrame\`, end taken by a message posted from it, which runs after the frame).
  Expected results are computed in Node from the same bytes: the first row's value after a sort,
  "Showing N of M codes", the facet count, a Blob being created for the export. A wrong answer
  never counts as fast: it times out (10 s), that round's sample is dropped and the failure is
  listed; the page is then reopened on the default view.
  First paint runs from the \`responseEnd\` of \`/api/used-codes\` (Resource Timing) to the first
  painted frame showing the expected first row: parsing that is left when the last byte is in
  counts on both sides. Because the dashboard parses while the bytes arrive, a second row times
  the same frame from the request's start (Resource Timing \`startTime\`), transfer and all
  parsing included, so the lines form earns only what it saves in total.
  Scrolling moves 50 rows per frame through 10,000 rows (1,000 with \`--quick\`), or to the end
  of a 10,000-row table; a
  frame "over 16 ms" is an interval between animation frames above 25 ms (1.5 × the 60 Hz slot,
  i.e. at least one missed frame). Heap is \`Runtime.getHeapUsage\` after a forced GC.
- **Repetition.** Each round is a fresh browser context and page load of one app doing every
  operation once; rounds alternate ours/baseline, swapping which goes first (ABBA), 3 rounds per
  size by default (\`--rounds=N\` for more, 1 with \`--quick\`). Rows show medians.
- **BFF.** autocannon 9 with 2 connections over loopback; each sample is a fixed number of
  requests sized to last about 2 s (0.6 s with \`--quick\`), the same count for both sides, 4
  interleaved rounds (1 quick); time per request = elapsed / requests (autocannon's sampling tick
  set to 5 ms so the end is exact); any error, timeout or non-2xx fails the run. The bare limit is Fastify with no plugins, sending the exact
  bytes the BFF sent (plain, or its gzip with \`content-encoding: gzip\`). The upstream fetch is a
  forced refresh (\`POST /api/used-codes/refresh\`, which walks every page, normalizes and answers)
  against a plain loop of \`fetch\` + \`json()\` over the same pages (\`limit=1000&offset=…&sort=id\`),
  3 interleaved samples a side (6 refreshes a minute is what the route allows one client), once
  with the answer asked for as JSON and once as the dashboard asks for it (lines); each answer is
  checked to hold every code.
  The BFF runs with its outbound budget and inbound rate limit raised (they protect DigiCert and
  the BFF from abuse, not shape a benchmark).
- **Bundle.** Every script, module preload and stylesheet that \`index.html\` references, gzipped
  at zlib's default level, against a 150 KB budget (1 KB = 1024 bytes).
- **Ratios.** ratio = ours / baseline, lower is better; throughput is expressed as time per request.
  For "frames over 16 ms", both counts are floored at 1 before dividing, so 0 against 0 is a tie.
- **Quick runs** (\`--quick\`) do every row with fewer repetitions and write only
  \`bench/results/latest.json\`; this page always shows a full run.
`;
