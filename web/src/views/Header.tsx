import type { ComponentChildren } from "preact";
import { linkHandler } from "../app/router";
import { UserMenu } from "./people/UserMenu";
import { WorkspaceSwitcher } from "./people/WorkspaceSwitcher";

/** The top bar: brand and workspace on the left, page title and actions after them, the signed-in user last. */
export function Header({ children, switcher = true }: { children?: ComponentChildren; switcher?: boolean }) {
  return (
    <header class="topbar">
      <a class="brand" href="/" onClick={linkHandler("/")} aria-label="Sept — all projects">
        <span class="brand-mark" aria-hidden="true">◆</span> Sept
      </a>
      {switcher && <WorkspaceSwitcher />}
      {children}
      <UserMenu />
    </header>
  );
}
