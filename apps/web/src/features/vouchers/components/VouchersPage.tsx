import type { UsedCode } from "@voucher-desk/digicert";
import {
  buildIndex,
  DEFAULT_COLUMNS,
  queryUsedCodes,
  type ViewProblem,
  type ViewState,
} from "@voucher-desk/vouchers";
import { type ReactNode, useMemo, useState } from "react";
import { Banner } from "../../../components/ui/Banner";
import { DataTable } from "../../../components/ui/DataTable";
import { SkeletonTable } from "../../../components/ui/Skeleton";
import { useCodeUnavailable } from "../../../lib/code-unavailable";
import { formatCount } from "../../../lib/format";
import { useUsedCodes } from "../api/get-used-codes";
import { useRefreshUsedCodes } from "../api/refresh-used-codes";
import { useIndexWarmUp } from "../hooks/use-index-warm-up";
import { useUsedCodeTable } from "../hooks/use-used-code-table";
import { activeFilterCount, withoutFilters } from "../view-edit";
import { ColumnMenu } from "./ColumnMenu";
import { DashboardHeader } from "./DashboardHeader";
import { ExportActions } from "./ExportActions";
import { FilterBar } from "./filters/FilterBar";
import { FilterChips } from "./filters/FilterChips";
import { OrderLinksProvider } from "./OrderLink";
import {
  DemoBanner,
  EmptyAccount,
  errorMessage,
  LoadError,
  LoadingProgress,
  NoMatches,
  StaleBanner,
  ViewProblemsNotice,
} from "./StateMessages";
import { renderUsedCodeCell } from "./UsedCodeCell";

// A stable empty list: a fresh [] per render would rebuild the index and the table's rows.
const NO_CODES: UsedCode[] = [];

interface VouchersPageProps {
  view: ViewState;
  problems: readonly ViewProblem[];
  onViewChange: (view: ViewState) => void;
  /** Drawn over the page: the order drilldown, or a not-found notice. */
  children?: ReactNode;
  /** In the header: who is signed in (see DashboardHeader). */
  account?: ReactNode;
}

export function VouchersPage({ view, problems, onViewChange, children, account }: VouchersPageProps) {
  // The dropped parts of a pasted link stay listed until dismissed, even after the address is
  // cleaned (which reads back without problems); a new bad link brings its own list.
  const [notice, setNotice] = useState(problems);
  const [seenProblems, setSeenProblems] = useState(problems);
  if (problems !== seenProblems) {
    setSeenProblems(problems);
    if (problems.length > 0) setNotice(problems);
  }
  const code = useCodeUnavailable();
  const query = useUsedCodes();
  const refresh = useRefreshUsedCodes();
  const data = query.data;
  const codes = data?.codes ?? NO_CODES;

  // The index is built once per load; every view runs against it. A view is answered in the
  // same render as the input that changed it: at 100k codes the query takes a few ms (a sort
  // walks a precomputed order), less than a deferred second render would cost.
  const index = useMemo(() => buildIndex(codes), [codes]);
  const rows = useMemo(() => queryUsedCodes(index, view), [index, view]);
  // What made the rows, not which columns show them: a column change keeps the scroll place.
  const resultKey = useMemo(() => JSON.stringify([view.q, view.filters, view.sort]), [view]);
  useIndexWarmUp(index);
  const table = useUsedCodeTable(view, onViewChange);

  return (
    <div className="app">
      <a className="skip-link" href="#results">
        Skip to the table
      </a>
      <DashboardHeader
        data={data}
        refreshing={refresh.isPending}
        onRefresh={() => refresh.mutate()}
        account={account}
      />
      <main className="app-main">
        {notice.length > 0 ? <ViewProblemsNotice problems={notice} onDismiss={() => setNotice([])} /> : null}
        {data?.source === "demo" ? <DemoBanner /> : null}
        {data?.stale ? <StaleBanner fetchedAt={data.fetchedAt} /> : null}
        {code.unavailable ? (
          <Banner
            tone="danger"
            title="Part of this page could not be loaded"
            actions={
              <button type="button" className="button" onClick={code.dismiss}>
                Dismiss
              </button>
            }
          >
            <p>
              The Voucher Desk server did not send the code for what you asked (the connection may have
              dropped, or the server was stopped or updated). Check that it is running, then try again; if it
              was updated, reload the page.
            </p>
          </Banner>
        ) : null}
        {refresh.isError ? (
          <Banner
            tone="warning"
            title="Refresh failed"
            actions={
              <button type="button" className="button" onClick={() => refresh.reset()}>
                Dismiss
              </button>
            }
          >
            <p>{errorMessage(refresh.error)}</p>
            <p>The list below is the last one loaded.</p>
          </Banner>
        ) : null}
        {query.isError ? (
          <div className={data === undefined ? "state-panel" : undefined}>
            <LoadError
              error={query.error}
              retrying={query.isFetching}
              onRetry={() => void query.refetch()}
              hasData={data !== undefined}
            />
          </div>
        ) : null}
        {children}

        {query.isPending ? (
          <SkeletonTable columns={DEFAULT_COLUMNS.length} label={<LoadingProgress />} />
        ) : data === undefined ? null : codes.length === 0 ? (
          <EmptyAccount demo={data?.source === "demo"} />
        ) : (
          <>
            <div className="toolbar">
              <FilterBar index={index} view={view} onViewChange={onViewChange} />
              <div className="toolbar__end">
                <ColumnMenu
                  table={table}
                  onReset={() => onViewChange({ ...view, columns: DEFAULT_COLUMNS })}
                />
                <ExportActions rows={rows} view={view} />
              </div>
            </div>
            {/* One line, as tall as a chip: the first filter does not push the table down. */}
            <div className="result-line">
              <p className="result-count" role="status" aria-live="polite">
                Showing {formatCount(rows.length)} of {formatCount(codes.length)} codes
              </p>
              <FilterChips index={index} view={view} onViewChange={onViewChange} />
            </div>
            <div id="results" className="results">
              <OrderLinksProvider view={view}>
                <DataTable
                  table={table}
                  rows={rows}
                  resultKey={resultKey}
                  renderCell={renderUsedCodeCell}
                  label="Used voucher codes"
                  empty={
                    activeFilterCount(view) > 0 ? (
                      <NoMatches view={view} onClear={() => onViewChange(withoutFilters(view))} />
                    ) : null
                  }
                />
              </OrderLinksProvider>
            </div>
          </>
        )}
      </main>
    </div>
  );
}
