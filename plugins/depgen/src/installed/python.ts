/**
 * What the local Python environment has installed: distribution versions, and which
 * distributions provide a top-level module (importlib.metadata.packages_distributions, 3.10+).
 * The interpreter is the package's .venv if it has one, else $VIRTUAL_ENV's, else python3.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export interface PythonEnvironment {
  /** normalised distribution name -> version */
  versions: Record<string, string>
  /** top-level module -> distributions that provide it */
  providers: Record<string, string[]>
}

const SCRIPT = `
import json, re, sys
from importlib import metadata
wanted = json.loads(sys.argv[1])
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
versions = {}
for dist in metadata.distributions():
    name = dist.metadata["Name"]
    if name and norm(name) in wanted["dists"]:
        versions.setdefault(norm(name), dist.version)
providers = {}
if hasattr(metadata, "packages_distributions"):
    found = metadata.packages_distributions()
    providers = {m: sorted(set(found[m])) for m in wanted["modules"] if m in found}
    for dists in providers.values():
        for name in dists:
            d = metadata.distribution(name)
            versions.setdefault(norm(name), d.version)
print(json.dumps({"versions": versions, "providers": providers}))
`

export function pythonInterpreter(dir: string): string {
  for (const candidate of [join(dir, '.venv', 'bin', 'python'), process.env.VIRTUAL_ENV && join(process.env.VIRTUAL_ENV, 'bin', 'python')]) {
    if (candidate && existsSync(candidate)) return candidate
  }
  return 'python3'
}

/** Empty when no interpreter runs: the versions are a convenience, never a requirement. */
// Run from a temp dir: a package file named json.py must not shadow the script's imports.
export function pythonEnvironment(dir: string, query: {dists: string[]; modules: string[]}): Promise<PythonEnvironment> {
  const normalized = {dists: query.dists.map((d) => d.toLowerCase().replace(/[-_.]+/g, '-')), modules: query.modules}
  return new Promise((resolve) => {
    execFile(pythonInterpreter(dir), ['-c', SCRIPT, JSON.stringify(normalized)], {cwd: tmpdir(), timeout: 30_000}, (error, stdout) => {
      if (error) return resolve({providers: {}, versions: {}})
      try {
        resolve(JSON.parse(stdout) as PythonEnvironment)
      } catch {
        resolve({providers: {}, versions: {}})
      }
    })
  })
}
