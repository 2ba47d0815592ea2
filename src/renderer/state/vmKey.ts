/** How the renderer keys a VM everywhere (store, stats, selection, routes). */
export function vmKey(connectionId: string, uuid: string): string {
  return `${connectionId}/${uuid}`;
}
