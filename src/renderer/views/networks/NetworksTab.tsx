/** Filled in by its own feature; the host page already routes here. */
export function NetworksTab(_props: { connectionId: string }) {
  return null;
}
