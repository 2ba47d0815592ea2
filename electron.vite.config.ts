import { defineConfig } from 'electron-vite';

// electron-vite's layout: main process, preload bridge, renderer. The main process bundles the
// plain-Node backend (src/main), which the browser shell (src/main/web) also runs unchanged.
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: 'src/main/electron/index.ts' } },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: 'src/preload/index.ts' } },
      externalizeDeps: true,
    },
  },
  renderer: {
    root: 'src/renderer',
    build: { rollupOptions: { input: { index: 'src/renderer/index.html' } } },
  },
});
