import { PRODUCTS } from "@voucher-desk/digicert";

/**
 * What the generator draws from: a partner's product mix and its customers. The weights mimic
 * a reseller's book (mostly DV and Basic OV, fewer EV, a few code signing); the customers
 * include the names that break naive tools (non-ASCII, commas and quotes, formula prefixes).
 */
export type ValidationKind = "dv" | "ov" | "ev" | "cs";

export interface MixedProduct {
  nameId: string;
  displayName: string;
  kind: ValidationKind;
  weight: number;
  wildcard: boolean;
  multiDomain: boolean;
}

const displayNames = new Map(PRODUCTS.map((product) => [product.nameId, product.displayName]));

function mixed(
  nameId: string,
  weight: number,
  kind: ValidationKind,
  shape: { wildcard?: boolean; multiDomain?: boolean } = {},
): MixedProduct {
  const displayName = displayNames.get(nameId);
  if (displayName === undefined) throw new Error(`product ${nameId} is missing from PRODUCTS`);
  return {
    nameId,
    displayName,
    kind,
    weight,
    wildcard: shape.wildcard ?? false,
    multiDomain: shape.multiDomain ?? false,
  };
}

export const PRODUCT_MIX: readonly MixedProduct[] = [
  mixed("ssl_basic", 26, "ov"),
  mixed("ssl_dv_geotrust_flex", 14, "dv"),
  mixed("ssl_dv_rapidssl", 10, "dv"),
  mixed("ssl_securesite_flex", 8, "ov"),
  mixed("ssl_dv_thawte", 5, "dv"),
  mixed("ssl_securesite_pro", 5, "ov"),
  mixed("ssl_plus", 4, "ov"),
  mixed("wildcard_dv_rapidssl", 4, "dv", { wildcard: true }),
  mixed("wildcard_dv_geotrust", 2, "dv", { wildcard: true }),
  mixed("cloud_dv_geotrust", 1, "dv"),
  mixed("ssl_securesite_wildcard", 3, "ov", { wildcard: true }),
  mixed("ssl_securesite_multi_domain", 3, "ov", { multiDomain: true }),
  mixed("ssl_ev_basic", 3, "ev"),
  mixed("ssl_ev_securesite_flex", 3, "ev"),
  mixed("ssl_ev_securesite_pro", 2, "ev"),
  mixed("ssl_ev_securesite_multi_domain", 1, "ev", { multiDomain: true }),
  mixed("code_signing", 2, "cs"),
  mixed("code_signing_ev", 1, "cs"),
];

export const PRODUCT_WEIGHTS = PRODUCT_MIX.map((product) => [product, product.weight] as const);

export interface Customer {
  organization: string;
  domain: string;
  city: string;
  state: string;
  country: string;
}

function customer(organization: string, domain: string, city: string, state: string, country: string) {
  return { organization, domain, city, state, country };
}

export const CUSTOMERS: readonly Customer[] = [
  customer("Example Inc.", "example.com", "Lindon", "Utah", "us"),
  customer("Example Corp.", "example.com", "Lehi", "Utah", "us"),
  customer("Société Générale", "societe-generale.example", "Paris", "Île-de-France", "fr"),
  customer("株式会社サンプル", "sample.example.jp", "東京", "東京都", "jp"),
  customer("Müller & Söhne GmbH", "mueller-soehne.example.de", "München", "Bayern", "de"),
  customer("Łódzkie Zakłady Sp. z o.o.", "lodz.example.pl", "Łódź", "łódzkie", "pl"),
  customer('ООО "Ромашка"', "romashka.example.ru", "Москва", "Москва", "ru"),
  customer("Ελληνικά Δίκτυα Α.Ε.", "hellenic.example.gr", "Αθήνα", "Αττική", "gr"),
  customer("北京示例科技有限公司", "beijing-demo.example.cn", "北京", "北京", "cn"),
  customer("주식회사 예시", "yesi.example.kr", "서울", "서울특별시", "kr"),
  customer("Smith, Jones & Partners LLP", "smithjones.example.co.uk", "London", "London", "gb"),
  customer('O\'Brien "Quality" Foods Ltd', "obrien.example.ie", "Dublin", "Leinster", "ie"),
  customer("Acme Corporation", "acme.example", "Phoenix", "Arizona", "us"),
  customer("Globex Corporation", "globex.example.com", "Springfield", "Oregon", "us"),
  customer("Initech LLC", "initech.example.com", "Austin", "Texas", "us"),
  customer("Umbrella Health Systems", "umbrella-health.example.org", "Raccoon City", "Missouri", "us"),
  customer("Contoso Ltd.", "contoso.example", "Redmond", "Washington", "us"),
  customer("Fabrikam, Inc.", "fabrikam.example", "Seattle", "Washington", "us"),
  customer("Northwind Traders", "northwind.example", "Portland", "Oregon", "us"),
  customer("Wide World Importers", "wideworldimporters.example", "Miami", "Florida", "us"),
  customer("Tailspin Toys", "tailspin.example", "Denver", "Colorado", "us"),
  customer("Cyberdyne Systems", "cyberdyne.example.net", "Sunnyvale", "California", "us"),
  customer("Vandelay Industries", "vandelay.example", "New York", "New York", "us"),
  customer("Empresa Ñandú S.A.", "nandu.example.ar", "Córdoba", "Córdoba", "ar"),
  customer("Città di Bolzano", "bolzano.example.it", "Bolzano", "Trentino-Alto Adige", "it"),
  customer("Universidade de São Paulo (Teste)", "usp-teste.example.br", "São Paulo", "SP", "br"),
  customer("Ørsted Test A/S", "orsted-test.example.dk", "Fredericia", "Syddanmark", "dk"),
  customer("İstanbul Örnek A.Ş.", "istanbul.example.com.tr", "İstanbul", "İstanbul", "tr"),
  customer("Công ty TNHH Ví Dụ", "vidu.example.vn", "Hà Nội", "Hà Nội", "vn"),
  customer('מעבדות דוגמה בע"מ', "dugma.example.co.il", "תל אביב", "מחוז תל אביב", "il"),
  customer("شركة المثال", "almithal.example.sa", "الرياض", "الرياض", "sa"),
];

/** Requester-typed organizations that spreadsheets would run as formulas. Rare on purpose. */
export const FORMULA_CUSTOMERS: readonly Customer[] = [
  customer('=HYPERLINK("https://evil.example/","Click me")', "hyperlink.example", "Reno", "Nevada", "us"),
  customer("+Plus Logistics", "plus-logistics.example", "Hamburg", "Hamburg", "de"),
  customer("-Minus Analytics", "minus.example", "Leeds", "West Yorkshire", "gb"),
  customer("@Handle Media Group", "handle.example", "Toronto", "Ontario", "ca"),
];

export const FORMULA_COMMON_NAMES: readonly string[] = [
  "=cmd|' /C calc'!A0",
  "+1-555-0100.example.com",
  "-rf.example.net",
  "@home.example.org",
];

export const SUBDOMAINS: readonly string[] = [
  "",
  "",
  "www",
  "www",
  "shop",
  "mail",
  "api",
  "portal",
  "vpn",
  "intranet",
  "login",
  "cdn",
  "app",
  "secure",
  "staging",
];

/** A common name long enough to test wrapping and truncation in every column. */
export const LONG_SUBDOMAIN = "customer-self-service-portal.eu-central-1.production.internal-applications";
