import { useNavigate } from "@tanstack/react-router";
import type { ViewState } from "@voucher-desk/vouchers";
import { createContext, type MouseEvent, type ReactNode, useContext, useMemo } from "react";
import { keepView, stringifyViewSearch } from "../view-search";

interface OrderLinks {
  /** The current view as a search string ("?…" or ""), kept by every order link. */
  search: string;
  open: (orderId: string) => void;
}

const OrderLinksContext = createContext<OrderLinks | null>(null);

/**
 * What every order link in the table shares, computed once per view. A router <Link> per row
 * subscribes each row to the router state and builds its location on every render; at 100k
 * codes that was a measurable part of each sort and filter, for the same href.
 */
export function OrderLinksProvider({ view, children }: { view: ViewState; children: ReactNode }) {
  const navigate = useNavigate();
  const links = useMemo<OrderLinks>(
    () => ({
      search: stringifyViewSearch({ view, problems: [] }),
      open: (orderId) =>
        void navigate({
          to: "/orders/$orderId",
          params: { orderId },
          search: keepView,
          state: { openedFromTable: true },
        }),
    }),
    [view, navigate],
  );
  return <OrderLinksContext.Provider value={links}>{children}</OrderLinksContext.Provider>;
}

/**
 * A certificate order id that opens its drilldown over the table. It is a real link: opening
 * it in a new tab, copying it or middle-clicking it gives the order over the same view.
 */
export function OrderLink({ orderId }: { orderId: string }) {
  const links = useContext(OrderLinksContext);
  if (!links) throw new Error("OrderLink needs an OrderLinksProvider above it");
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // Anything but a plain primary click is the browser's (new tab, new window, download).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    links.open(orderId);
  };
  return (
    <a
      href={`/orders/${encodeURIComponent(orderId)}${links.search}`}
      onClick={onClick}
      className="order-link"
      data-order-link={orderId}
    >
      {orderId}
    </a>
  );
}
