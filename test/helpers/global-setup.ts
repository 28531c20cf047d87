/** Tests run the compiled CLI: refuse to start on a stale or missing build rather than fail confusingly. */
import {execFileSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export default function setup(): () => void {
  const root = join(import.meta.dirname, '..', '..')
  for (const file of ['dist/main.js', 'oclif.manifest.json']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` (npm test does it for you)`)
  }
  return () => {
    removeStrayPthFiles()
    // vitest.config.ts points Node's compile cache (Node 22+) at a folder of this run.
    if (process.env.AIGOGO_TEST_COMPILE_CACHE) rmSync(process.env.AIGOGO_TEST_COMPILE_CACHE, {force: true, recursive: true})
  }
}

/**
 * A test that installs a Python package into a project without a venv wires it through a .pth
 * file in the interpreter's own site-packages, outside the test's temp folder. Once the temp
 * folder is gone that file points nowhere: remove those (only ours, only into the temp dir).
 */
function removeStrayPthFiles(): void {
  let sitePackages: string[]
  try {
    sitePackages = JSON.parse(execFileSync('python3', ['-c', 'import json, site; print(json.dumps(site.getsitepackages() + [site.getusersitepackages()]))'], {encoding: 'utf8'})) as string[]
  } catch {
    return // no python3: nothing can have been written
  }
  const temp = tmpdir()
  for (const dir of sitePackages) {
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      continue
    }
    for (const name of names.filter((n) => /^aigogo-[0-9a-f]+\.pth$/.test(n))) {
      const target = readFileSync(join(dir, name), 'utf8').trim()
      if (target.startsWith(temp + '/') && !existsSync(target)) rmSync(join(dir, name), {force: true})
    }
  }
}
