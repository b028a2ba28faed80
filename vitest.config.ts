import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/dynamo-global-setup.ts'],
    setupFiles: ['test/support/holiday-rules-setup.ts'],
    // Process-level CLI tests start Node and npm; give them room on a loaded CI machine.
    testTimeout: 30_000,
    // Most files wait on DynamoDB Local or Chromium, so two files at a time pay off even on two
    // cores (vitest's default there is one): 214 tests of the notice, webhook, policy and report
    // files took 119.7 s with one worker and 91.4 s with two. More cores keep vitest's default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
