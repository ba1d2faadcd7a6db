/** The Voucher Desk mark: a ticket on the accent colour. */
export function BrandMark({ size = 26 }: { size?: number }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" width={size} height={size} focusable="false">
      <rect width="32" height="32" rx="6" fill="var(--accent)" />
      <path d="M8 11h16v3a2 2 0 0 0 0 4v3H8v-3a2 2 0 0 0 0-4z" fill="var(--accent-text)" />
    </svg>
  );
}
