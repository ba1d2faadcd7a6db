import {
  createRootRoute,
  createRoute,
  createRouter,
  Link,
  Outlet,
  type RouterHistory,
  useNavigate,
  useRouter,
  useRouterState,
} from "@tanstack/react-router";
import type { ViewState } from "@voucher-desk/vouchers";
import { useEffect, useRef, useState } from "react";
import { Banner } from "../components/ui/Banner";
import { SessionControls } from "../features/session/components/SessionControls";
import { VouchersPage } from "../features/vouchers/components/VouchersPage";
import { useViewHistory } from "../features/vouchers/use-view-history";
import {
  keepView,
  parseViewSearch,
  stringifyViewSearch,
  validateViewSearch,
} from "../features/vouchers/view-search";
import { reportCodeUnavailable } from "../lib/code-unavailable";
import { onDemand } from "../lib/on-demand";
import { whenIdle } from "../lib/when-idle";

/**
 * The order drilldown (its dialog, Radix Dialog and the order schema) is not needed to show the
 * table: it loads when an order opens, or when the browser is idle after the dashboard drew.
 */
type OrderDialogComponent = typeof import("../features/orders/components/OrderDialog").OrderDialog;
let loadedOrderDialog: OrderDialogComponent | null = null;
const loadOrderDialog = onDemand(() =>
  import("../features/orders/components/OrderDialog").then(({ OrderDialog }) => {
    loadedOrderDialog = OrderDialog;
    return OrderDialog;
  }),
);

/**
 * Two code-based routes: `/` (the dashboard) and `/orders/$orderId` (the same dashboard with
 * the order drilldown open over it). The search string is the dashboard view on both, read and
 * written by the domain's parseView/serializeView, so every view is a link.
 */
const rootRoute = createRootRoute({
  validateSearch: validateViewSearch,
  component: DashboardRoute,
  notFoundComponent: NotFound,
});

const dashboardRoute = createRoute({ getParentRoute: () => rootRoute, path: "/" });

const orderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/orders/$orderId",
  component: OrderRoute,
});

const routeTree = rootRoute.addChildren([dashboardRoute, orderRoute]);

function DashboardRoute() {
  const { view, problems } = rootRoute.useSearch();
  const navigate = useNavigate();
  const history = useRouter().history;

  // A link with unusable parts: drop them from the address bar too, so copying it shares the
  // view actually shown (the search object keeps the problems for the notice). The router
  // sees the cleaned address as the same location, so a history-state mark forces the write.
  useEffect(() => {
    const canonical = stringifyViewSearch({ view, problems });
    if (problems.length > 0 && history.location.search !== canonical) {
      void navigate({
        to: ".",
        search: { view, problems },
        replace: true,
        state: (s) => ({ ...s, cleaned: true }),
      });
    }
  }, [view, problems, history, navigate]);
  useEffect(() => whenIdle(() => void loadOrderDialog().catch(() => {})), []);
  const entryFor = useViewHistory();
  const changeView = (next: ViewState) =>
    navigate({ to: ".", search: { view: next, problems: [] }, ...entryFor(view, next) });
  return (
    <VouchersPage view={view} problems={problems} onViewChange={changeView} account={<SessionControls />}>
      <Outlet />
    </VouchersPage>
  );
}

function OrderRoute() {
  const { orderId } = orderRoute.useParams();
  const navigate = useNavigate();
  const router = useRouter();
  const openedFromTable = useRouterState({ select: (state) => state.location.state.openedFromTable });
  // Closing must not add an entry (Back would reopen the dialog): opened from the table, the
  // entry before is the view it was opened over, so close = Back; opened by a link, that entry
  // may be another site, so the order's entry is replaced by the view.
  const close = () =>
    openedFromTable ? router.history.back() : void navigate({ to: "/", search: keepView, replace: true });
  const [OrderDialog, setOrderDialog] = useState(() => loadedOrderDialog);
  // Not React.lazy: a failed load would reach the router's error page and take the table with
  // it. Here the dashboard says part of the page could not load and the order closes; opening
  // it again tries again.
  const closeOnFailure = useRef(close);
  closeOnFailure.current = close;
  useEffect(() => {
    if (OrderDialog) return;
    let current = true;
    loadOrderDialog().then(
      (component) => current && setOrderDialog(() => component),
      () => {
        if (!current) return;
        reportCodeUnavailable();
        closeOnFailure.current();
      },
    );
    return () => {
      current = false;
    };
  }, [OrderDialog]);
  return OrderDialog ? <OrderDialog orderId={orderId} onClose={close} /> : null;
}

function NotFound() {
  return (
    <Banner tone="warning" title="There is no page at this address">
      <p>
        <Link to="/" search={keepView}>
          Back to the voucher codes
        </Link>
      </p>
    </Banner>
  );
}

export function createAppRouter(options: { history?: RouterHistory } = {}) {
  return createRouter({
    routeTree,
    history: options.history,
    parseSearch: parseViewSearch,
    stringifySearch: stringifyViewSearch,
    // The dialog opens over the table the user scrolled; keep their place.
    scrollRestoration: false,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
  interface HistoryState {
    /** Set by the table's order links: the entry before is the view the dialog opened over. */
    openedFromTable?: boolean;
    /** A pasted link's unusable parameters were dropped from the address (see DashboardRoute). */
    cleaned?: boolean;
  }
}
