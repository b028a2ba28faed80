import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/dynamo-global-setup.ts'],
    setupFiles: ['test/support/holiday-rules-setup.ts'],
    // Process-level CLI tests start Node and npm; give them room on a loaded CI machine.
    testTimeout: 30_000,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
