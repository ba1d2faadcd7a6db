/**
 * Radix's Popover and DropdownMenu, part for part and prop for prop, for toolbars drawn with
 * the table: the table's first paint shows their trigger buttons but none of the focus,
 * dismiss and positioning code behind them (~27 KB gzip), so that code loads after the page.
 *
 * A Root whose primitives had not arrived when it mounted draws its Trigger alone: the same
 * button with the closed trigger's ARIA (`aria-haspopup`, `aria-expanded="false"`), and none of
 * the other parts, as a closed Radix menu would. The event Radix's trigger opens on (a click
 * for a popover; a left-button press, Enter, Space or ArrowDown for a menu) swaps in the Radix
 * Root and hands that event to the Radix trigger, so Radix opens it and decides focus, exactly
 * as if it had been there all along, unless a newer press or key came first. From then on, and in every Root mounted after the load,
 * Radix alone runs the menu. The primitives load once the browser is idle after a trigger drew,
 * or as soon as one is hovered or focused, so an open rarely waits for them.
 */
import type { DropdownMenu as RadixDropdownMenu, Popover as RadixPopover } from "radix-ui";
import {
  type ComponentType,
  cloneElement,
  createContext,
  isValidElement,
  type ReactElement,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
  type ReactNode,
  type PointerEvent as ReactPointerEvent,
  type Ref,
  type RefObject,
  type SyntheticEvent,
  useContext,
  useEffect,
  useRef,
  useState,
} from "react";
import { reportCodeUnavailable } from "./code-unavailable";
import { onDemand } from "./on-demand";
import { whenIdle } from "./when-idle";

type Primitives = typeof import("./radix-primitives");

let primitives: Primitives | null = null;
const loadPrimitives = onDemand(() =>
  import("./radix-primitives").then((module) => {
    primitives = module;
    return module;
  }),
);
const prefetch = () => void loadPrimitives().catch(() => {});
let prefetchScheduled = false;

/** Inside a Root still waiting for Radix: opens it, handing over the event that asked. */
type Open = (event: Event) => void;
const WaitingRoot = createContext<Open | null>(null);
/** Inside a Radix Root: where its trigger's element is kept, for the handed-over event. */
const LiveTrigger = createContext<RefObject<HTMLElement | null> | null>(null);

/** The same kind of event with the same properties, to dispatch again on another element. */
function copyOf(event: Event): Event {
  const EventKind = event.constructor as new (type: string, init: Event) => Event;
  return new EventKind(event.type, event);
}

/** Which Radix component a deferred part stands for, read from the loaded primitives. */
type PartOf<P> = (radix: Primitives) => ComponentType<P>;

interface DeferredProps<P> {
  of: PartOf<P>;
  props: P;
}

function DeferredRoot<P extends { children?: ReactNode }>({ of, props }: DeferredProps<P>) {
  const [live, setLive] = useState(() => primitives !== null);
  const handover = useRef<Event | null>(null);
  const trigger = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (live || prefetchScheduled) return;
    prefetchScheduled = true;
    whenIdle(prefetch);
  }, [live]);
  // A parent's effects run after its children's, so the Radix Root has set up its listeners
  // (a menu's keyboard-or-pointer tracking) by the time its trigger gets the event.
  useEffect(() => {
    const pending = handover.current;
    handover.current = null;
    const element = trigger.current;
    if (live && pending !== null && element !== null) element.dispatchEvent(copyOf(pending));
  }, [live]);

  if (live && primitives !== null) {
    const Root = of(primitives);
    return (
      <LiveTrigger value={trigger}>
        <Root {...props} />
      </LiveTrigger>
    );
  }
  const open: Open = (event) => {
    if (handover.current !== null) return;
    handover.current = event;
    if (primitives !== null) {
      setLive(true);
      return;
    }
    // A press or a key anywhere while the code is on its way is a newer intent (typing in the
    // search, another button, Esc): the menu must not open over it when the code arrives.
    const cancel = () => {
      handover.current = null;
    };
    const listen = (on: boolean) => {
      for (const type of ["pointerdown", "keydown"]) {
        if (on) window.addEventListener(type, cancel, { capture: true, once: true });
        else window.removeEventListener(type, cancel, { capture: true });
      }
    };
    listen(true);
    loadPrimitives().then(
      () => {
        listen(false);
        setLive(true);
      },
      () => {
        // Offline, or the page is older than the server's files: say so; the next press tries again.
        listen(false);
        handover.current = null;
        reportCodeUnavailable();
      },
    );
  };
  return <WaitingRoot value={open}>{props.children}</WaitingRoot>;
}

/** Which of the trigger's events opens it, as Radix's trigger reads them. */
interface OpensOn {
  onClick?: (event: ReactMouseEvent) => boolean;
  onPointerDown?: (event: ReactPointerEvent) => boolean;
  onKeyDown?: (event: ReactKeyboardEvent) => boolean;
}

interface TriggerProps {
  asChild?: boolean;
  children?: ReactNode;
  disabled?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

type Handler = (event: SyntheticEvent) => void;

function DeferredTrigger<P extends TriggerProps>({
  of,
  props,
  popup,
  opensOn,
}: DeferredProps<P> & { popup: "dialog" | "menu"; opensOn: OpensOn }) {
  const open = useContext(WaitingRoot);
  const liveTrigger = useContext(LiveTrigger);
  if (open === null && primitives !== null) {
    const Trigger = of(primitives);
    const keep = (element: HTMLButtonElement | null) => {
      if (liveTrigger) liveTrigger.current = element;
      const { ref } = props;
      if (typeof ref === "function") ref(element);
      else if (ref) ref.current = element;
    };
    return <Trigger {...props} ref={keep} />;
  }

  // Drawn as Radix draws a closed trigger: its props on the child (asChild) or on a button,
  // the child's own props winning, and each handler run child first, then the trigger's.
  const { asChild, children, ...triggerProps } = props;
  const element: ReactElement<Record<string, unknown>> =
    asChild && isValidElement<Record<string, unknown>>(children) ? (
      children
    ) : (
      <button type="button">{children}</button>
    );
  const given = (name: string, event: SyntheticEvent) => {
    for (const handlers of [element.props, triggerProps as Record<string, unknown>]) {
      (handlers[name] as Handler | undefined)?.(event);
    }
  };
  const handlers: Record<string, Handler> = {};
  for (const name of ["onPointerEnter", "onFocus"]) {
    handlers[name] = (event) => {
      given(name, event);
      prefetch();
    };
  }
  for (const [name, opens] of Object.entries(opensOn) as [string, (event: SyntheticEvent) => boolean][]) {
    handlers[name] = (event) => {
      // The opening event goes to Radix's trigger instead, whose handlers then run once, in
      // Radix's order (one preventing it still keeps the menu closed).
      if (open === null || props.disabled || !opens(event)) return given(name, event);
      event.preventDefault();
      open(event.nativeEvent);
    };
  }
  return cloneElement(element, {
    "aria-haspopup": popup,
    "aria-expanded": false,
    "data-state": "closed",
    ...triggerProps,
    ...element.props,
    ...handlers,
  });
}

/** A part drawn only while open (portal, content, items): a closed Radix menu draws none. */
function DeferredPart<P extends object>({ of, props }: DeferredProps<P>) {
  const waiting = useContext(WaitingRoot);
  if (waiting !== null || primitives === null) return null;
  const Part = of(primitives);
  return <Part {...props} />;
}

const opensOnClick: OpensOn = { onClick: () => true };
const opensOnPressOrKey: OpensOn = {
  onPointerDown: (event) => event.button === 0 && !event.ctrlKey,
  onKeyDown: (event) => ["Enter", " ", "ArrowDown"].includes(event.key),
};

type PropsOf<C> = C extends ComponentType<infer P> ? P : never;
type PopoverPart<K extends keyof typeof RadixPopover> = PropsOf<(typeof RadixPopover)[K]>;
type MenuPart<K extends keyof typeof RadixDropdownMenu> = PropsOf<(typeof RadixDropdownMenu)[K]>;

export const Popover = {
  Root: (props: PopoverPart<"Root">) => <DeferredRoot of={(radix) => radix.Popover.Root} props={props} />,
  Trigger: (props: PopoverPart<"Trigger">) => (
    <DeferredTrigger
      of={(radix) => radix.Popover.Trigger}
      props={props}
      popup="dialog"
      opensOn={opensOnClick}
    />
  ),
  Portal: (props: PopoverPart<"Portal">) => (
    <DeferredPart of={(radix) => radix.Popover.Portal} props={props} />
  ),
  Content: (props: PopoverPart<"Content">) => (
    <DeferredPart of={(radix) => radix.Popover.Content} props={props} />
  ),
};

export const DropdownMenu = {
  Root: (props: MenuPart<"Root">) => <DeferredRoot of={(radix) => radix.DropdownMenu.Root} props={props} />,
  Trigger: (props: MenuPart<"Trigger">) => (
    <DeferredTrigger
      of={(radix) => radix.DropdownMenu.Trigger}
      props={props}
      popup="menu"
      opensOn={opensOnPressOrKey}
    />
  ),
  Portal: (props: MenuPart<"Portal">) => (
    <DeferredPart of={(radix) => radix.DropdownMenu.Portal} props={props} />
  ),
  Content: (props: MenuPart<"Content">) => (
    <DeferredPart of={(radix) => radix.DropdownMenu.Content} props={props} />
  ),
  Label: (props: MenuPart<"Label">) => (
    <DeferredPart of={(radix) => radix.DropdownMenu.Label} props={props} />
  ),
  Item: (props: MenuPart<"Item">) => <DeferredPart of={(radix) => radix.DropdownMenu.Item} props={props} />,
  CheckboxItem: (props: MenuPart<"CheckboxItem">) => (
    <DeferredPart of={(radix) => radix.DropdownMenu.CheckboxItem} props={props} />
  ),
  ItemIndicator: (props: MenuPart<"ItemIndicator">) => (
    <DeferredPart of={(radix) => radix.DropdownMenu.ItemIndicator} props={props} />
  ),
  Separator: (props: MenuPart<"Separator">) => (
    <DeferredPart of={(radix) => radix.DropdownMenu.Separator} props={props} />
  ),
};
