import { useEffect, useState } from "preact/hooks";

export type Route =
  | { page: "list" }
  | { page: "notebook"; projectId: string }
  | { page: "app"; projectId: string }
  | { page: "members"; workspaceId: string }
  | { page: "notFound" };

/** Routes: / (projects), /p/{id} (notebook), /p/{id}/app (app view), /w/{id}/members (workspace members). */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { page: "list" };
  const m = /^\/p\/([^/]+)(\/app)?$/.exec(path);
  if (m) return m[2] ? { page: "app", projectId: decodeURIComponent(m[1]!) } : { page: "notebook", projectId: decodeURIComponent(m[1]!) };
  const w = /^\/w\/([^/]+)\/members$/.exec(path);
  if (w) return { page: "members", workspaceId: decodeURIComponent(w[1]!) };
  return { page: "notFound" };
}

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  return route;
}

/** Client-side navigation for plain links (modifier clicks still open new tabs). */
export function linkHandler(path: string) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(path);
  };
}
