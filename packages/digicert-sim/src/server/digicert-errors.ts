/**
 * DigiCert's error envelope and the bodies it documents (docs/digicert-api.md §1.4, §1.5).
 * Codes and messages are DigiCert's own, byte for byte, so clients can match on them.
 */
export interface DigicertErrorBody {
  errors: { code: string; message: string }[];
}

export function errorBody(code: string, message: string): DigicertErrorBody {
  return { errors: [{ code, message }] };
}

export const ACCESS_DENIED = errorBody(
  "access_denied|access_denied_invalid_key",
  "Access denied due to access_denied_invalid_key.",
);
export const ORDER_NOT_FOUND = errorBody("not_found|order", "The specified order was not found.");
export const ROUTE_NOT_FOUND = errorBody("not_found|route", "The specified route was not found.");
export const REQUEST_LIMIT_EXCEEDED = errorBody(
  "request_limit_exceeded",
  "Service unavailable, please limit request volume",
);

const REASONS: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

/** What the nginx in front of DigiCert sends when the service behind it is down: HTML, not JSON. */
export function serverErrorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? "Error"}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
