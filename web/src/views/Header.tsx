import type { ComponentChildren } from "preact";
import { linkHandler } from "../app/router";

/** The top bar: brand on the left, page title and actions after it. */
export function Header({ children }: { children?: ComponentChildren }) {
  return (
    <header class="topbar">
      <a class="brand" href="/" onClick={linkHandler("/")} aria-label="Sept — all projects">
        <span class="brand-mark" aria-hidden="true">◆</span> Sept
      </a>
      {children}
    </header>
  );
}
