import type { DraftStorage, StoredDraft } from "./autosave";

/** Drafts of one project in localStorage (the dev token lives there too, so it is the same trust level). A full
 * or blocked storage only loses the copy that outlives the page, never the draft in memory. */
export function localDraftStorage(projectId: string, storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> = localStorage): DraftStorage {
  const key = `sept.drafts.${projectId}`;
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? "[]");
        return Array.isArray(parsed) ? parsed.filter(isStoredDraft) : [];
      } catch {
        return [];
      }
    },
    save(drafts) {
      try {
        if (drafts.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(drafts));
      } catch {
        // quota or privacy mode: the in-memory draft still stands
      }
    },
  };
}

function isStoredDraft(value: unknown): value is StoredDraft {
  const d = value as StoredDraft;
  return typeof d === "object" && d !== null && typeof d.cellId === "string" && typeof d.base === "number"
    && typeof d.patch === "object" && d.patch !== null && typeof d.original === "object" && d.original !== null;
}
