import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { formatCellValue } from "../../state/outputs";
import type { TablePage } from "../../types";

const PAGE = 50;

/** A result table; further pages come from GET .../cells/{cellId}/result (server-side paging). */
export function TableOutput({ first, projectId, cellId }: { first: TablePage; projectId: string; cellId: string }) {
  const [page, setPage] = useState<TablePage>(first);
  const [offset, setOffset] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const limit = first.rows.length > 0 ? first.rows.length : PAGE; // page size follows the kernel's first page
  const total = first.totalRows ?? first.rows.length;

  useEffect(() => {
    setPage(first);
    setOffset(0);
  }, [first]);

  const go = async (next: number) => {
    if (next === 0) {
      setPage(first);
      setOffset(0);
      return;
    }
    setLoading(true);
    const r = await api.tablePage(projectId, first.cellId ?? cellId, next, limit);
    setLoading(false);
    if (r.ok) {
      setPage(r.value);
      setOffset(next);
      setError(null);
    } else setError(r.problem.title ?? "Could not load the page.");
  };

  const shownTo = Math.min(offset + page.rows.length, total);
  return (
    <div class="table-output">
      <div class="table-scroll" tabIndex={0} aria-label={`Result table, ${total} rows`}>
        <table>
          <thead>
            <tr>
              <th class="row-number" scope="col">#</th>
              {page.columns.map((c, i) => (
                <th scope="col" title={c.type} class={typeof page.rows[0]?.[i] === "number" ? "num" : undefined}>
                  {c.name}
                  <span class="col-type">{c.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row, i) => (
              <tr>
                <td class="row-number">{offset + i + 1}</td>
                {row.map((v) => <td class={typeof v === "number" ? "num" : v === null ? "null" : ""}>{formatCellValue(v)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-footer">
        <span class="muted">{total === 0 ? "No rows" : `Rows ${offset + 1}–${shownTo} of ${total.toLocaleString()}`}</span>
        {total > page.rows.length && (
          <span class="pager">
            <button type="button" class="btn btn-small" disabled={offset === 0 || loading} onClick={() => go(Math.max(0, offset - limit))}>Previous</button>
            <button type="button" class="btn btn-small" disabled={shownTo >= total || loading} onClick={() => go(offset + limit)}>Next</button>
          </span>
        )}
        {error && <span class="error-text">{error}</span>}
      </div>
    </div>
  );
}
