/**
 * The layers of docs/ARCHITECTURE.md, checked on every `npm run lint`:
 *
 *   hosts → libvirt/rpc → libvirt objects (and xml beside them) → services → consoles → api → shells
 *
 * A module may import its own layer and the ones to its left, never one to its right; the
 * renderer and the main process never import each other, and src/shared imports neither.
 *
 * Why dependency-cruiser 17 and not eslint-plugin-boundaries: one tool checks both the layers and
 * import cycles (boundaries has no cycle rule, so it would need eslint-plugin-import-x's slow
 * no-cycle as well), it reads type-only imports too (`tsPreCompilationDeps`), and 17.x is the
 * last line whose engines accept Node 20 (18.x wants Node 22).
 */
const layer = (name, from, forbidden, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: forbidden },
});

export default {
  forbidden: [
    layer(
      'shared-imports-no-side',
      '^src/shared/',
      '^src/(main|renderer|preload)/',
      'src/shared is the contract both sides compile: it imports neither of them.',
    ),
    layer(
      'renderer-not-main',
      '^src/renderer/',
      '^src/(main|preload)/',
      'The renderer reaches the main process only through the API (src/shared/api).',
    ),
    layer(
      'main-not-renderer',
      '^src/(main|preload)/',
      '^src/renderer/',
      'The main process never imports the renderer.',
    ),
    layer(
      'hosts-lowest',
      '^src/main/hosts/',
      '^src/main/(?!hosts/)',
      'Hosts are the bottom layer: byte streams, exec and files, nothing above.',
    ),
    layer(
      'rpc-below-objects',
      '^src/main/libvirt/rpc/',
      '^src/main/(?!hosts/|libvirt/rpc/)',
      'The RPC client knows hosts and its own protocol only.',
    ),
    layer(
      'objects-below-services',
      '^src/main/libvirt/',
      '^src/main/(xml|services|consoles|api|web|electron)/',
      'libvirt object modules are typed calls over the RPC table, nothing above.',
    ),
    layer(
      'xml-below-services',
      '^src/main/xml/',
      '^src/main/(?!xml/)',
      'XML parsing, building and edits are pure: no host, no RPC, nothing above.',
    ),
    layer(
      'services-below-api',
      '^src/main/services/',
      '^src/main/(consoles|api|web|electron)/',
      'Services name what they need from above as interfaces of their own.',
    ),
    layer(
      'consoles-below-api',
      '^src/main/consoles/',
      '^src/main/(api|web|electron)/',
      'The console gateway is wired by the API backend, which it does not know.',
    ),
    layer(
      'api-below-shells',
      '^src/main/api/',
      '^src/main/(web|electron)/|^src/preload/',
      'The API backend is shell-agnostic: both shells carry the same calls.',
    ),
    {
      name: 'no-circular',
      comment: 'An import cycle makes load order matter and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
