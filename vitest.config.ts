import { defineConfig } from 'vitest/config';

// Backends built under these tests check every handler's result and every event's payload
// against the contract's schemas (createApiBackend's checkResults): a wrong shape fails the test.
const CHECK_RESULTS = { VIRTDECK_CHECK_RESULTS: '1' };

// libguestfs (the clone's identity reset) under the tests' own processes (the local transport,
// the browser shell): TCG, as the test sshd sets it for the SSH users. This machine is a VM
// without working nested KVM, where libguestfs' KVM appliance fails. A fact of the test machine,
// never set by the app (scripts/test-host/up.sh says more).
const TEST_HOST_ENV = { ...CHECK_RESULTS, LIBGUESTFS_BACKEND_SETTINGS: 'force_tcg' };

// Four projects: fast unit tests with no outside parts; React component tests in happy-dom; integration tests that drive the real
// libvirtd and the private sshd started by scripts/test-host/up.sh (see test/support/testHost.ts);
// end-to-end tests of the browser shell in Debian's Chromium (test/e2e).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        // React component tests (Testing Library) in happy-dom's DOM: no browser, no backend.
        test: {
          name: 'components',
          include: ['test/unit/renderer/**/*.test.tsx'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The tests share one libvirtd and one sshd; running files one at a time keeps the
          // "nothing left behind" counts honest.
          fileParallelism: false,
          env: TEST_HOST_ENV,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The browser shell, Chromium, real QEMU guests under TCG: slow, one file at a time.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['test/e2e/support/globalSetup.ts'],
          // Inherited by the browser shell each test starts (support/webApp.ts).
          env: TEST_HOST_ENV,
        },
      },
    ],
  },
});
