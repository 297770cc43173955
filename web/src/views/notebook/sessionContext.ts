import { createContext } from "preact";
import type { NotebookSession } from "../../session/notebookSession";

/** The open notebook, for leaf views that need to look something up without re-rendering on every change. */
export const SessionContext = createContext<NotebookSession | null>(null);
