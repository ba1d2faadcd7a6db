// The Radix primitives `deferred-radix.tsx` loads after the page: one chunk, imported on demand.
export { DropdownMenu, Popover } from "radix-ui";
