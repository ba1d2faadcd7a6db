import type { OrderDetails } from "@voucher-desk/digicert";
import { Dialog } from "radix-ui";
import type { ReactNode } from "react";
import { ApiRequestError } from "../../../lib/api-client";
import { formatTimestamp } from "../../../lib/format";
import { useOrder } from "../api/get-order";

const NOT_ISSUED = "Not issued";
const BLANK = "—";

interface OrderDialogProps {
  orderId: string;
  onClose: () => void;
}

/**
 * The certificate order behind a code, over the table. A Radix Dialog: focus is trapped
 * inside, Esc closes, and focus goes back to the order link that opened it.
 */
export function OrderDialog({ orderId, onClose }: OrderDialogProps) {
  const order = useOrder(orderId);

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        {/* A plain backdrop: Radix's Overlay also locks page scroll by injecting a <style>
            element, which the strict CSP (style-src 'self') refuses. This page never scrolls
            its body, so the lock is not needed; focus trap and Esc come from Content. */}
        <div className="dialog-overlay" aria-hidden="true" />
        <Dialog.Content
          className="dialog"
          aria-busy={order.isPending || undefined}
          onCloseAutoFocus={(event) => {
            // Opened from a link, focus returns to that link; opened from a pasted URL there is
            // no opener, so the table region takes focus instead of the document body.
            const link = [...document.querySelectorAll<HTMLElement>("[data-order-link]")].find(
              (element) => element.dataset.orderLink === orderId,
            );
            const target =
              link ?? document.getElementById("results")?.querySelector<HTMLElement>("[tabindex]");
            if (target) {
              event.preventDefault();
              target.focus();
            }
          }}
        >
          <div className="dialog__header">
            <Dialog.Title className="dialog__title">Order {orderId}</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close">
              <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" focusable="false">
                <path
                  fill="currentColor"
                  d="M3.7 2.3 8 6.6l4.3-4.3 1.4 1.4L9.4 8l4.3 4.3-1.4 1.4L8 9.4l-4.3 4.3-1.4-1.4L6.6 8 2.3 3.7z"
                />
              </svg>
            </Dialog.Close>
          </div>
          {order.isPending ? (
            <>
              <Dialog.Description className="dialog__description">
                Loading the certificate order…
              </Dialog.Description>
              <div className="dialog__loading" role="status" aria-label="Loading">
                {[0, 1, 2, 3, 4, 5].map((line) => (
                  <span key={line} className="skeleton skeleton--line" data-w={line % 3} />
                ))}
              </div>
            </>
          ) : order.isError ? (
            <OrderError
              orderId={orderId}
              error={order.error}
              retrying={order.isFetching}
              onRetry={() => void order.refetch()}
            />
          ) : (
            <OrderBody order={order.data} />
          )}
          <div className="dialog__footer">
            <Dialog.Close className="button">Close</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface OrderErrorProps {
  orderId: string;
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
}

function OrderError({ orderId, error, retrying, onRetry }: OrderErrorProps) {
  const notFound =
    error instanceof ApiRequestError && (error.code === "order_not_found" || error.status === 404);
  if (notFound) {
    return (
      <Dialog.Description className="dialog__message" role="alert">
        Order {orderId} was not found, or it is not visible to this API key. It may belong to another
        CertCentral account or division.
      </Dialog.Description>
    );
  }
  if (error instanceof ApiRequestError && error.code === "bad_request") {
    // The BFF's message names the parameter for scripts; people get the address explained.
    return (
      <Dialog.Description className="dialog__message dialog__message--error" role="alert">
        “{orderId}” is not a certificate order number. Order numbers are digits only, as in the Certificate
        order column.
      </Dialog.Description>
    );
  }
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return (
    <div className="dialog__message dialog__message--error" role="alert">
      <Dialog.Description>
        Could not load order {orderId}. {message}
      </Dialog.Description>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? "Retrying…" : "Retry"}
      </button>
    </div>
  );
}

function OrderBody({ order }: { order: OrderDetails }) {
  const country = order.organization.country?.toUpperCase() ?? null;
  const place = [order.organization.city, order.organization.state, country]
    .filter((part): part is string => part !== null)
    .join(", ");
  const requester = order.requester
    ? [order.requester.name, order.requester.email ? `<${order.requester.email}>` : null]
        .filter(Boolean)
        .join(" ")
    : "";
  return (
    <>
      <Dialog.Description className="dialog__description">
        <span className="status-badge" data-status={order.status ?? "unknown"}>
          {order.status ?? "Unknown status"}
        </span>{" "}
        {order.product.name ?? order.product.name_id ?? "Unknown product"}
      </Dialog.Description>
      <div className="order-sections">
        <section aria-labelledby="order-cert">
          <h3 id="order-cert">Certificate</h3>
          <dl className="details">
            <Detail
              term="Common name"
              value={order.common_name === null ? null : <DnsName name={order.common_name} />}
              mono
            />
            <Detail
              term={`SANs (${order.dns_names.length})`}
              value={
                order.dns_names.length === 0 ? null : (
                  <ul className="san-list">
                    {order.dns_names.map((name) => (
                      <li key={name}>
                        <DnsName name={name} />
                      </li>
                    ))}
                  </ul>
                )
              }
            />
            <Detail
              term="Organization"
              value={
                order.organization.name === null ? null : (
                  <>
                    {order.organization.name}
                    {place ? <span className="muted"> · {place}</span> : null}
                  </>
                )
              }
            />
            <Detail term="Requested by" value={requester || null} />
          </dl>
        </section>
        <section aria-labelledby="order-validity">
          <h3 id="order-validity">Validity</h3>
          <dl className="details">
            <Detail term="Valid from" value={timestamp(order.valid_from)} blank={NOT_ISSUED} />
            <Detail term="Valid until" value={timestamp(order.valid_till)} blank={NOT_ISSUED} />
            <Detail
              term="Days remaining"
              value={order.days_remaining === null ? null : String(order.days_remaining)}
              blank={order.valid_till === null ? NOT_ISSUED : BLANK}
            />
            <Detail term="Created" value={timestamp(order.date_created)} />
            <Detail term="Issued" value={timestamp(order.date_issued)} blank={NOT_ISSUED} />
            <Detail
              term="Order coverage"
              value={
                order.order_valid_from || order.order_valid_till
                  ? `${order.order_valid_from ?? "…"} – ${order.order_valid_till ?? "…"}${
                      order.is_multi_year_plan ? " (Multi-year Plan)" : ""
                    }`
                  : null
              }
              blank={NOT_ISSUED}
            />
          </dl>
        </section>
      </div>
    </>
  );
}

const timestamp = (text: string | null) => (text === null ? null : formatTimestamp(text));

/**
 * A host name that wraps only after its dots and hyphens, never inside a label; a label too long
 * for the line ends in an ellipsis, with the whole name in the tooltip.
 */
function DnsName({ name }: { name: string }) {
  const parts = name.split(/(?<=[.-])/);
  return (
    <span className="dns-name" title={name}>
      {parts.map((part, at) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one name, in order, never reordered
        <span key={at}>
          {part}
          {at < parts.length - 1 ? <wbr /> : null}
        </span>
      ))}
    </span>
  );
}

interface DetailProps {
  term: string;
  value: ReactNode;
  blank?: string;
  mono?: boolean;
}

function Detail({ term, value, blank = BLANK, mono = false }: DetailProps) {
  const empty = value === null || value === undefined || value === "";
  return (
    <div className="details__row">
      <dt>{term}</dt>
      <dd className={empty ? "cell-blank" : mono ? "mono" : undefined}>{empty ? blank : value}</dd>
    </div>
  );
}
