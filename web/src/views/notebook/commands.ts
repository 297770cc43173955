import type { NotebookSession } from "../../session/notebookSession";
import type { Command } from "../../state/keys";

export interface Selection {
  id: string | null;
  editing: boolean;
}

/** Carries out a keyboard or toolbar command on a cell (Jupyter semantics). */
export async function runCommand(session: NotebookSession, cellId: string, command: Command, select: (s: Selection) => void): Promise<void> {
  const cells = session.state.value.cells;
  const i = cells.findIndex((c) => c.id === cellId);
  const cell = cells[i];
  if (!cell) return;
  const next = cells[i + 1];
  const previous = cells[i - 1];
  // Markdown runs too: the server fills in {name} values, and the preview shows its rendering.
  const run = () => session.run("cell", [cell.id]);

  switch (command) {
    case "run":
      select({ id: cell.id, editing: cell.kind === "markdown" ? false : document.activeElement?.closest(".cm-editor") !== null });
      return run();
    case "runAndAdvance": {
      const done = run();
      if (next) reveal(next.id, select);
      else {
        const added = await session.addCell("code", cell.id);
        if (added) select({ id: added.id, editing: true });
      }
      return done;
    }
    case "runAll":
      return session.run("all");
    case "enterCommand":
      return select({ id: cell.id, editing: false });
    case "enterEdit":
      return select({ id: cell.id, editing: true });
    case "insertAbove": {
      const added = await session.addCellAbove("code", cell.id);
      if (added) select({ id: added.id, editing: false });
      return;
    }
    case "insertBelow": {
      const added = await session.addCell("code", cell.id);
      if (added) select({ id: added.id, editing: false });
      return;
    }
    case "deleteCell":
      select({ id: next?.id ?? previous?.id ?? null, editing: false });
      return session.deleteCell(cell.id);
    case "selectPrevious":
      if (previous) reveal(previous.id, select);
      return;
    case "selectNext":
      if (next) reveal(next.id, select);
      return;
    case "moveUp":
      return session.moveBy(cell.id, -1);
    case "moveDown":
      return session.moveBy(cell.id, 1);
  }
}

/** Keyboard moves select a cell and bring it into view. */
function reveal(id: string, select: (s: Selection) => void) {
  select({ id, editing: false });
  requestAnimationFrame(() => document.getElementById(`cell-${id}`)?.scrollIntoView({ block: "nearest" }));
}
