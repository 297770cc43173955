import { createContext } from "preact";

/** Opens the assistant panel and asks it to fix a failed cell (the "Fix" button on an error output); null: no panel. */
export const AssistantFixContext = createContext<((cellId: string) => void) | null>(null);
