/** Filled in by its own feature; the host page already routes here. */
export function HostOverviewTab(_props: { connectionId: string }) {
  return null;
}
