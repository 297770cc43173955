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
  const run = () => (cell.kind === "markdown" ? session.autosave.flush(cell.id) : session.run("cell", [cell.id]));

  switch (command) {
    case "run":
      select({ id: cell.id, editing: cell.kind === "markdown" ? false : document.activeElement?.closest(".cm-editor") !== null });
      return run();
    case "runAndAdvance": {
      const done = run();
      if (next) select({ id: next.id, editing: false });
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
      if (previous) select({ id: previous.id, editing: false });
      return;
    case "selectNext":
      if (next) select({ id: next.id, editing: false });
      return;
    case "moveUp":
      return session.moveBy(cell.id, -1);
    case "moveDown":
      return session.moveBy(cell.id, 1);
  }
}
