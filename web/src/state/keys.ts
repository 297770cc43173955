/** Jupyter-style keyboard commands: edit mode types into the cell, command mode acts on cells. */
export type Mode = "command" | "edit";

export type Command =
  | "runAndAdvance"
  | "run"
  | "runAll"
  | "enterCommand"
  | "enterEdit"
  | "insertAbove"
  | "insertBelow"
  | "deleteCell"
  | "selectPrevious"
  | "selectNext"
  | "moveUp"
  | "moveDown";

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The previous unmatched key in command mode, for two-key chords (D D). */
export interface ChordState {
  key: string;
  at: number;
}

export interface KeyResult {
  command: Command | null;
  chord: ChordState | null;
}

/** How long the second D of "D D" may wait. */
export const CHORD_MS = 800;

/** Maps a key press to a command; pure, so the keymap is tested without a DOM. */
export function mapKey(mode: Mode, press: KeyPress, chord: ChordState | null, now: number): KeyResult {
  const mod = !!(press.ctrlKey || press.metaKey);
  const none: KeyResult = { command: null, chord: null };

  if (press.key === "Enter" && press.shiftKey && !mod) return { command: "runAndAdvance", chord: null };
  if (press.key === "Enter" && mod && !press.shiftKey) return { command: "run", chord: null };
  if (press.key === "Enter" && mod && press.shiftKey) return { command: "runAll", chord: null };

  if (mode === "edit") return press.key === "Escape" ? { command: "enterCommand", chord: null } : none;

  if (mod || press.altKey) {
    if (press.altKey && press.key === "ArrowUp") return { command: "moveUp", chord: null };
    if (press.altKey && press.key === "ArrowDown") return { command: "moveDown", chord: null };
    return none;
  }
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  switch (key) {
    case "Enter":
      return { command: "enterEdit", chord: null };
    case "a":
      return { command: "insertAbove", chord: null };
    case "b":
      return { command: "insertBelow", chord: null };
    case "ArrowUp":
    case "k":
      return { command: "selectPrevious", chord: null };
    case "ArrowDown":
    case "j":
      return { command: "selectNext", chord: null };
    case "d":
      if (chord?.key === "d" && now - chord.at <= CHORD_MS) return { command: "deleteCell", chord: null };
      return { command: null, chord: { key: "d", at: now } };
    default:
      return none;
  }
}
