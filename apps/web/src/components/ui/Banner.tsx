import type { ReactNode } from "react";

type Tone = "info" | "warning" | "danger";

interface BannerProps {
  tone: Tone;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/**
 * A full-width message. Errors are announced at once (role="alert"); the rest politely.
 */
export function Banner({ tone, title, children, actions }: BannerProps) {
  return (
    <section className={`banner banner--${tone}`} role={tone === "danger" ? "alert" : "status"}>
      <div className="banner__body">
        <h2 className="banner__title">{title}</h2>
        {children ? <div className="banner__text">{children}</div> : null}
      </div>
      {actions ? <div className="banner__actions">{actions}</div> : null}
    </section>
  );
}
