/**
 * Opens a document this device keeps under a fixed id (a group's, the journal's: their 16-byte ids
 * are the Automerge document ids), or starts it empty when it is not stored yet.
 */
import * as A from "@automerge/automerge";
import { stringifyAutomergeUrl, type DocHandle, type Repo } from "@automerge/automerge-repo";

export async function openDocHandle<D>(repo: Repo, id: Uint8Array): Promise<DocHandle<D>> {
  const url = stringifyAutomergeUrl({ documentId: id as never });
  try {
    return await repo.find<D>(url);
  } catch (error) {
    // Only "not stored" may start an empty document. Any other failure (storage refusing to read, a
    // quota error) goes up to the member: an empty document here would later be saved over the real one.
    if (!(error instanceof Error && error.message === `Document ${url} is unavailable`)) throw error;
    // Not stored yet (a new group, a join, a new journal, or storage that was evicted): start empty and
    // let sync fill it. The failed find left the handle "unavailable"; importing and marking it loaded makes it ready.
    const handle = repo.import<D>(A.save(A.init()), { docId: url.slice("automerge:".length) as never });
    if (!handle.isReady()) handle.doneLoading();
    return handle;
  }
}
