import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'plugins/*/test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Tests spawn the real CLI and real registries; two cores, so keep parallelism modest.
    pool: 'forks',
    poolOptions: {forks: {maxForks: 2, minForks: 1}},
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
