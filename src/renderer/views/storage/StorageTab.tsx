/** Filled in by its own feature; the host page already routes here. */
export function StorageTab(_props: { connectionId: string }) {
  return null;
}
