import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer.vite.config';

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
      // A sandboxed preload cannot load modules: it must be one self-contained CommonJS file.
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      externalizeDeps: true,
    },
  },
  renderer: rendererConfig,
});
