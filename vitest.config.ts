import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {defineConfig} from 'vitest/config'

// On Node 22+ every CLI run keeps compiled code in Node's compile cache (bin/run.js), by default
// os.tmpdir()/node-compile-cache: the suite's runs keep theirs in a folder of this run, which the
// global teardown removes. Set here, before the workers start, so every child inherits it.
if (!process.env.NODE_COMPILE_CACHE) {
  process.env.NODE_COMPILE_CACHE = join(tmpdir(), `aigogo-test-compile-cache-${process.pid}`)
  process.env.AIGOGO_TEST_COMPILE_CACHE = process.env.NODE_COMPILE_CACHE
}

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
