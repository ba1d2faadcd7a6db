import type { UsedCode } from "@voucher-desk/digicert";
import { exportFileName, type ViewState } from "@voucher-desk/vouchers";
import { useEffect, useState } from "react";
import { CopyButton } from "../../../components/ui/CopyButton";
import { reportCodeUnavailable } from "../../../lib/code-unavailable";
import { saveTextFile } from "../../../lib/download";
import { onDemand } from "../../../lib/on-demand";
import { whenIdle } from "../../../lib/when-idle";
import { viewQueryString } from "../view-search";

interface ExportActionsProps {
  rows: readonly UsedCode[];
  view: ViewState;
}

export const REPORT_URL_DESCRIPTION =
  "A URL that downloads this view as CSV, for scripts and scheduled reports";

/** The server route that answers the same view as CSV, for scripts and scheduled reports. */
export function reportLink(view: ViewState, origin: string): string {
  const query = viewQueryString(view);
  return `${origin}/api/used-codes.csv${query === "" ? "" : `?${query}`}`;
}

/** The writer and its CSV library: not with the page, but fetched in idle time before a first export. */
const loadCsvWriter = onDemand(() => import("@voucher-desk/vouchers/csv"));

/**
 * "Export CSV" writes exactly the view on screen (rows as filtered and sorted, visible columns
 * in order) with the shared writer, the same bytes the CSV report URL gives.
 */
export function ExportActions({ rows, view }: ExportActionsProps) {
  const [busy, setBusy] = useState(false);
  useEffect(() => whenIdle(() => void loadCsvWriter().catch(() => {})), []);

  const exportCsv = () => {
    setBusy(true);
    // Let the "Exporting…" state paint before the (synchronous) writer runs on big views.
    requestAnimationFrame(() =>
      setTimeout(async () => {
        try {
          const writeCsv = await loadCsvWriter()
            .then((module) => module.writeCsv)
            .catch(() => null);
          if (writeCsv) saveTextFile(writeCsv(rows, view.columns), exportFileName(view, new Date()));
          else reportCodeUnavailable();
        } finally {
          setBusy(false);
        }
      }, 0),
    );
  };

  return (
    <div className="export-actions">
      {/* Not "share this page" (the address bar is that): a server URL scripts can fetch. */}
      <CopyButton
        text={reportLink(view, window.location.origin)}
        label="Copy CSV report URL"
        description={REPORT_URL_DESCRIPTION}
        copiedMessage="CSV report URL copied"
        className="toolbar-button"
      >
        Copy CSV report URL
      </CopyButton>
      <button
        type="button"
        className="button button--primary"
        onClick={exportCsv}
        disabled={busy || rows.length === 0}
        aria-busy={busy || undefined}
      >
        {busy ? "Exporting…" : "Export CSV"}
      </button>
    </div>
  );
}
