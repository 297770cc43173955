import { useContext } from "preact/hooks";
import { AssistantFixContext } from "./assistantContext";

/** On a failed cell's error: hands the cell to the assistant, which sees its error and source (fixCellId). */
export function FixButton({ cellId }: { cellId: string }) {
  const fix = useContext(AssistantFixContext);
  if (!fix) return null;
  return (
    <button type="button" class="btn btn-small assistant-fix" onClick={() => fix(cellId)} title="Ask the assistant to propose a fix for this error">
      Fix with assistant
    </button>
  );
}
