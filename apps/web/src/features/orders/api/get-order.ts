import { queryOptions, useQuery } from "@tanstack/react-query";
import { type OrderDetails, orderDetailsSchema } from "@voucher-desk/digicert";
import { requestJson } from "../../../lib/api-client";

export function orderQueryKey(orderId: string) {
  return ["orders", orderId] as const;
}

export function fetchOrder(orderId: string, signal?: AbortSignal): Promise<OrderDetails> {
  return requestJson(`/api/orders/${encodeURIComponent(orderId)}`, orderDetailsSchema, { signal });
}

export function orderQueryOptions(orderId: string) {
  return queryOptions({
    queryKey: orderQueryKey(orderId),
    queryFn: ({ signal }) => fetchOrder(orderId, signal),
    // An order changes rarely while someone looks at it; reopening it should be instant.
    staleTime: 5 * 60_000,
  });
}

export function useOrder(orderId: string) {
  return useQuery(orderQueryOptions(orderId));
}
