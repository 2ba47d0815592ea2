import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests with no outside parts, and integration tests that drive the real
// libvirtd and the private sshd started by scripts/test-host/up.sh (see test/support/testHost.ts).
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
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The tests share one libvirtd and one sshd; running files one at a time keeps the
          // "nothing left behind" counts honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
