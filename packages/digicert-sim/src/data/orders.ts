import { productByDisplayName, productNameIdOf } from "@voucher-desk/digicert";
import { CUSTOMERS } from "./catalog.js";
import type { ServedRow } from "./generated-used-code.js";
import { createRandom } from "./random.js";
import { DAY_MS, parseWallClock } from "./wall-clock.js";

/**
 * The certificate order behind a used code, in the shape of `GET /order/certificate/{id}`
 * (docs/digicert-api.md §4). Everything a code row also says (common name, organization,
 * product, request and validity dates, plan length, server licenses) is copied from the row;
 * the rest (thumbprint, contacts, CA) is drawn from a PRNG seeded by the order id, so the same
 * id always gives the same order. The JSON text is returned, not an object, because the order
 * `id` must be written as a JSON number even when it has more digits than a double holds.
 */
export function certificateOrderJson(row: ServedRow, now: number): string {
  const orderId = text(row.certificate_order_id);
  const random = createRandom(`order:${orderId}`);
  const hex = (length: number) =>
    Array.from({ length }, () => "0123456789ABCDEF"[random.int(0, 15)]).join("");

  const productName = text(row.product_name);
  const product = productByDisplayName(productName);
  const nameId = product?.nameId ?? productNameIdOf(productName);
  const validation = validationOf(nameId);
  const commonName = text(row.cert_common_name);
  const organization = text(row.cert_organization).trim();
  const customer = CUSTOMERS.find((c) => c.organization === organization);
  const requested = isoOf(text(row.cert_request_date));
  const validFrom = dateOf(row.cert_validity_start_date);
  const validTill = dateOf(row.cert_validity_end_date);
  const issued = validFrom !== null && validTill !== null;
  const expired = issued && parseWallClock(validTill) + DAY_MS <= now;
  const years = integer(row.validity_years);
  const days = integer(row.validity_days);
  const contact = {
    first_name: "Jane",
    last_name: "Doe",
    email: `pki-admin@${(customer?.domain ?? commonName.replace(/^\*\./, "")) || "example.com"}`,
    telephone: "8015551212",
  };

  const order: Record<string, unknown> = {
    id: ORDER_ID_MARKER,
    certificate: {
      id: Number(orderId.slice(-9)) + 1_000_000,
      ...(issued ? { thumbprint: hex(40), serial_number: hex(32) } : {}),
      common_name: commonName,
      ...(validation.type === "code_signing_certificate"
        ? {}
        : { dns_names: dnsNames(commonName, integer(row.no_of_fqdns)) }),
      date_created: requested,
      ...(issued
        ? {
            date_issued: `${validFrom}T${String(random.int(0, 23)).padStart(2, "0")}:12:00+00:00`,
            valid_from: validFrom,
            valid_till: validTill,
            days_remaining: Math.max(0, Math.ceil((parseWallClock(validTill) - now) / DAY_MS)),
          }
        : {}),
      csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIIC…(simulated)…\n-----END CERTIFICATE REQUEST-----",
      ...(organization ? { organization: { id: random.int(100_000, 999_999) } } : {}),
      organization_units: [],
      server_platform: {
        id: -1,
        name: "OTHER",
        install_url: "http://www.digicert.com/SSL-certificate-installation.htm",
        csr_url: "http://www.digicert.com/csr-creation.htm",
      },
      signature_hash: "sha256",
      key_size: validation.type === "code_signing_certificate" ? 3072 : 2048,
      ...(issued ? { ca_cert: { id: hex(16), name: validation.ca } } : {}),
      cert_validity: days > 0 && years === 0 ? { days } : { years: 1 },
    },
    status: issued ? (expired ? "expired" : "issued") : "pending",
    is_renewal: false,
    is_renewed: false,
    date_created: requested,
    ...(organization
      ? {
          organization: {
            name: organization,
            display_name: organization,
            is_active: true,
            city: customer?.city ?? "Lehi",
            state: customer?.state ?? "Utah",
            country: customer?.country ?? "us",
          },
        }
      : {}),
    disable_renewal_notifications: false,
    container: { id: 5, name: "Voucher Partner", is_active: true },
    product: {
      name_id: nameId,
      name: productName,
      type: validation.type,
      validation_type: validation.level,
      validation_name: validation.level.toUpperCase(),
      validation_description: validation.description,
    },
    ...(organization ? { organization_contact: contact } : {}),
    technical_contact: contact,
    user: { id: random.int(100_000, 999_999), ...contact },
    requests: [{ id: random.int(1, 9_999_999), date: requested, type: "new_request", status: "approved" }],
    validity_years: 1,
    order_validity: days > 0 && years === 0 ? { days } : { years },
    ...(issued
      ? { order_valid_from: dateOf(row.order_valid_from), order_valid_till: dateOf(row.order_valid_till) }
      : {}),
    ...(years > 1 ? { is_multi_year_plan: "1" } : {}),
    payment_method: "voucher",
    server_licenses: integer(row.server_licenses) || 1,
    allow_duplicates: false,
    product_name_id: nameId,
  };
  return JSON.stringify(order).replace(`"${ORDER_ID_MARKER}"`, /^\d+$/.test(orderId) ? orderId : "0");
}

const ORDER_ID_MARKER = "__simulated_order_id__";

interface Validation {
  type: "ssl_certificate" | "dv_ssl_certificate" | "code_signing_certificate";
  level: "dv" | "ov" | "ev";
  description: string;
  ca: string;
}

function validationOf(nameId: string): Validation {
  if (nameId.startsWith("code_signing")) {
    const ev = nameId.endsWith("_ev");
    return {
      type: "code_signing_certificate",
      level: ev ? "ev" : "ov",
      description: ev ? "Extended Organization Validation (EV)" : "Normal Organization Validation",
      ca: "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1",
    };
  }
  if (nameId.includes("_dv")) {
    return {
      type: "dv_ssl_certificate",
      level: "dv",
      description: "Domain Validation",
      ca: "Encryption Everywhere DV TLS CA - G2",
    };
  }
  const ev = nameId.includes("_ev");
  return {
    type: "ssl_certificate",
    level: ev ? "ev" : "ov",
    description: ev ? "Extended Organization Validation (EV)" : "Normal Organization Validation",
    ca: ev ? "DigiCert EV RSA CA G2" : "DigiCert Global G2 TLS RSA SHA256 2020 CA1",
  };
}

function dnsNames(commonName: string, fqdns: number): string[] {
  const base = commonName.replace(/^\*\./, "");
  const names = [commonName];
  if (fqdns > 1 && !commonName.startsWith("www.")) names.push(`www.${base}`);
  for (let i = names.length; i < Math.min(fqdns, 5); i++) names.push(`san${i}.${base}`);
  return names;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function integer(value: unknown): number {
  const parsed = Number.parseInt(text(value).trim(), 10);
  return Number.isFinite(parsed) ? parsed : 0;
}

/** `YYYY-MM-DD…` → `YYYY-MM-DD`; DigiCert's `" "` (not issued) → null. */
function dateOf(value: unknown): string | null {
  const match = /^\d{4}-\d{2}-\d{2}/.exec(text(value).trim());
  return match ? match[0] : null;
}

/** Voucher rows carry zone-less wall clock; order info speaks ISO 8601 in UTC. */
function isoOf(wallClock: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(wallClock.trim());
  return match ? `${match[1]}T${match[2]}+00:00` : "";
}
