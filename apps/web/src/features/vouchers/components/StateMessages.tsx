import { FIELDS, type ViewProblem, type ViewState } from "@voucher-desk/vouchers";
import { Banner } from "../../../components/ui/Banner";
import { ApiRequestError } from "../../../lib/api-client";
import { formatCount, formatFetchedAt } from "../../../lib/format";
import { useUsedCodesReceived } from "../api/used-codes-progress";
import { isActive } from "../view-edit";

const ERROR_TITLES: Record<string, string> = {
  upstream_auth: "DigiCert did not accept the server's API key",
  upstream_rate_limited: "DigiCert is limiting requests right now",
  rate_limited: "Too many requests",
  upstream_timeout: "DigiCert took too long to answer",
  upstream_unavailable: "DigiCert is unavailable",
  upstream_bad_response: "DigiCert sent an answer Voucher Desk could not read",
  network: "The Voucher Desk server cannot be reached",
  bad_response: "The Voucher Desk server sent an unexpected answer",
};

export function errorTitle(error: unknown, fallback: string): string {
  return error instanceof ApiRequestError ? (ERROR_TITLES[error.code] ?? fallback) : fallback;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message !== "" ? error.message : "Something went wrong.";
}

interface LoadErrorProps {
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
  /** True when older data is still on screen. */
  hasData?: boolean;
}

/** The BFF's own message (it says what to do), with a retry. */
export function LoadError({ error, retrying, onRetry, hasData = false }: LoadErrorProps) {
  return (
    <Banner
      tone={hasData ? "warning" : "danger"}
      title={errorTitle(
        error,
        hasData ? "Could not update the voucher codes" : "Could not load the voucher codes",
      )}
      actions={
        <button
          type="button"
          className="button"
          onClick={onRetry}
          disabled={retrying}
          aria-busy={retrying || undefined}
        >
          {retrying ? "Retrying…" : "Retry"}
        </button>
      }
    >
      <p>{errorMessage(error)}</p>
      {hasData ? <p>The list below is the last one loaded.</p> : null}
    </Banner>
  );
}

export function DemoBanner() {
  return (
    <Banner tone="info" title="Demo data">
      <p>
        These voucher codes are made up, so you can try every feature. To see your own account, start the
        server with a CertCentral API key: <code>DIGICERT_API_KEY=&lt;your key&gt; npm start</code> (add{" "}
        <code>DIGICERT_REGION=eu</code> for CertCentral Europe). A “View Only” key is enough; it stays on the
        server.
      </p>
    </Banner>
  );
}

export function StaleBanner({ fetchedAt }: { fetchedAt: string }) {
  return (
    <Banner tone="warning" title="Showing an older copy">
      <p>
        This list was fetched {formatFetchedAt(fetchedAt).label} and may be out of date. A fresh copy is being
        fetched from DigiCert; the table updates when it arrives.
      </p>
    </Banner>
  );
}

interface ViewProblemsNoticeProps {
  problems: readonly ViewProblem[];
  onDismiss: () => void;
}

/** Parts of a pasted link that could not be used: dropped, and said so. */
export function ViewProblemsNotice({ problems, onDismiss }: ViewProblemsNoticeProps) {
  return (
    <Banner
      tone="warning"
      title={problems.length === 1 ? "Part of this link was ignored" : "Parts of this link were ignored"}
      actions={
        <button type="button" className="button" onClick={onDismiss}>
          Dismiss
        </button>
      }
    >
      <ul className="problem-list">
        {problems.map((problem, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a param can have several problems; the list is static
          <li key={`${problem.param}-${i}`}>{problem.message}</li>
        ))}
      </ul>
    </Banner>
  );
}

export function EmptyAccount({ demo }: { demo: boolean }) {
  return (
    <div className="empty-state">
      <h2>No used voucher codes yet</h2>
      <p>
        {demo
          ? "The demo data set is empty."
          : "DigiCert reports no redeemed codes for this account. When a customer redeems a voucher code, it appears here."}
      </p>
    </div>
  );
}

/** What could widen this view: only the settings it has ("a wider date range" needs a date filter). */
export function wideningHints(view: ViewState): string[] {
  const active = FIELDS.filter((field) => isActive(view.filters[field.name]));
  const others = active.filter((field) => field.filter !== "dateRange");
  const hints: string[] = [];
  if (active.length > others.length) hints.push("a wider date range");
  if (view.q !== "") hints.push("a shorter search");
  if (others.length === 1) hints.push(`removing the ${others[0]?.label.toLowerCase()} filter`);
  if (others.length > 1) hints.push("fewer filters");
  return hints;
}

export function NoMatches({ view, onClear }: { view: ViewState; onClear: () => void }) {
  const hints = wideningHints(view);
  return (
    <div className="empty-state">
      <h2>No codes match these filters</h2>
      {hints.length > 0 ? (
        <p>Try {hints.length === 1 ? hints[0] : `${hints.slice(0, -1).join(", ")} or ${hints.at(-1)}`}.</p>
      ) : null}
      <button type="button" className="button button--primary" onClick={onClear}>
        Clear filters
      </button>
    </div>
  );
}

/**
 * What the first load is doing, with how many codes have arrived once the list is coming in.
 * Its own component: only this line re-renders as the count grows.
 */
export function LoadingProgress() {
  const received = useUsedCodesReceived();
  return received === null
    ? "Loading voucher codes…"
    : `Loading voucher codes… ${formatCount(received)} received`;
}
