import type { ReactNode } from "react";
import { BrandMark } from "../../../components/ui/BrandMark";
import { ThemeToggle } from "../../../components/ui/ThemeToggle";

/** The page around sign-in: the product's name, one card, the theme switch. */
export function SignInLayout({
  titleId,
  title,
  children,
}: {
  titleId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="sign-in">
      <div className="sign-in__theme">
        <ThemeToggle />
      </div>
      <main className="sign-in__card" aria-labelledby={titleId}>
        <div className="sign-in__brand">
          <BrandMark size={32} />
          <span className="sign-in__product">Voucher Desk</span>
        </div>
        <h1 id={titleId} className="sign-in__title">
          {title}
        </h1>
        {children}
      </main>
    </div>
  );
}
