import type { UsedCodesResponse } from "@voucher-desk/vouchers";
import type { ReactNode } from "react";
import { BrandMark } from "../../../components/ui/BrandMark";
import { ThemeToggle } from "../../../components/ui/ThemeToggle";
import { formatFetchedAt } from "../../../lib/format";

interface DashboardHeaderProps {
  data: UsedCodesResponse | undefined;
  refreshing: boolean;
  onRefresh: () => void;
  /** Who is signed in and how to sign out, when anyone is (the app passes it in). */
  account?: ReactNode;
}

export function sourceLabel(data: Pick<UsedCodesResponse, "source" | "region">): string {
  if (data.source === "demo") return "Demo data";
  // No region: the server talks to a DIGICERT_BASE_URL of its own (a proxy, a test instance).
  if (data.region === null) return "DigiCert (custom URL)";
  return data.region === "eu" ? "DigiCert EU" : "DigiCert US";
}

export function DashboardHeader({ data, refreshing, onRefresh, account }: DashboardHeaderProps) {
  const fetched = data ? formatFetchedAt(data.fetchedAt) : null;
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <BrandMark />
        <h1 className="app-header__title">Voucher Desk</h1>
        <span className="app-header__subtitle">Used voucher codes</span>
      </div>
      <dl className="app-header__meta">
        {data ? (
          <>
            <div>
              <dt>Source</dt>
              <dd>
                <span className="source-badge" data-source={data.source}>
                  {sourceLabel(data)}
                </span>
              </dd>
            </div>
            <div>
              <dt>Fetched</dt>
              <dd>
                <time dateTime={data.fetchedAt} title={fetched?.title}>
                  {fetched?.label}
                </time>
                {data.stale ? <span className="stale-tag"> (stale)</span> : null}
              </dd>
            </div>
          </>
        ) : null}
      </dl>
      <div className="app-header__actions">
        <button
          type="button"
          className="toolbar-button"
          onClick={onRefresh}
          disabled={refreshing || !data}
          aria-busy={refreshing || undefined}
          title="Fetch the list from DigiCert again"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 16 16"
            width="14"
            height="14"
            focusable="false"
            className={refreshing ? "spin" : undefined}
          >
            <path
              fill="currentColor"
              d="M8 2.5a5.5 5.5 0 0 1 4.9 3H10.5V7H15V2.5h-1.5v1.8A7 7 0 1 0 15 8h-1.5A5.5 5.5 0 1 1 8 2.5Z"
            />
          </svg>
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
        <ThemeToggle />
      </div>
      {account}
    </header>
  );
}
