/**
 * Everything a Python interpreter has installed, as importlib.metadata sees it: every
 * distribution's version and which distributions provide each top-level module
 * (packages_distributions, 3.10+). Also what the answer was read from, each path with its stat
 * signature taken *before* anything was read (python-cache.ts reuses the answer while they all
 * stay the same), and the interpreter that actually ran (a launcher such as pyenv's shims picks one
 * at run time, and its choice is not in any file we could watch).
 */
import {execFile} from 'node:child_process'
import {tmpdir} from 'node:os'

export interface PythonListing {
  /** normalised distribution name -> version of the first on sys.path */
  versions: Record<string, string>
  /** top-level module -> distributions that provide it, sorted */
  providers: Record<string, string[]>
}

export interface ListingRun extends PythonListing {
  /** [path, "mtime_ns:ctime_ns:ino:dev" or null when missing], stat'ed before the listing was read. */
  watched: Array<[string, string | null]>
  /** A watched entry changed so recently that a change in the same clock tick would not show in its signature. */
  racy: boolean
  /** realpath(sys.executable). */
  executable: string
}

/**
 * The directory of a `-c` script (sys.path[0], here the temp directory) is dropped first: it is not
 * the environment, and a stray dist-info there must not count. The watched paths: those the caller
 * passes (the interpreter, its pyvenv.cfg), sys.path, the site directories (also when they do not
 * exist yet: a first `pip install --user` creates the user one), each site directory's .pth files
 * and every *.dist-info / *.egg-info on sys.path, the customize modules site ran.
 */
export const LISTING_SCRIPT = `
import sys
if sys.path and sys.path[0] == "":
    del sys.path[0]
import json, os, re, site, time
extra = json.loads(sys.argv[1])
now = time.time_ns()
def sig(path):
    try:
        s = os.stat(path)
    except OSError:
        return None
    return "%d:%d:%d:%d" % (s.st_mtime_ns, s.st_ctime_ns, s.st_ino, s.st_dev)
paths = list(extra) + [p for p in sys.path if p]
sites = list(getattr(site, "getsitepackages", lambda: [])())
if site.ENABLE_USER_SITE:
    sites.append(site.getusersitepackages())
paths += sites
for directory in list(dict.fromkeys([p for p in sys.path if p] + sites)):
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        continue
    for name in names:
        if name.endswith((".dist-info", ".egg-info")) or (directory in sites and name.endswith(".pth")):
            paths.append(os.path.join(directory, name))
for name in ("sitecustomize", "usercustomize"):
    module = sys.modules.get(name)
    if getattr(module, "__file__", None):
        paths.append(module.__file__)
watched = []
racy = False
for path in dict.fromkeys(paths):
    signature = sig(path)
    watched.append([path, signature])
    if signature is not None:
        mtime, ctime = (int(x) for x in signature.split(":")[:2])
        racy = racy or min(mtime, ctime) >= now - 2_000_000_000
from importlib import metadata
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
versions = {}
for dist in metadata.distributions():
    name = dist.metadata["Name"]
    if name and isinstance(dist.version, str):
        versions.setdefault(norm(name), dist.version)
providers = {}
if hasattr(metadata, "packages_distributions"):
    for module, names in metadata.packages_distributions().items():
        named = sorted(set(n for n in names if n))
        if named:
            providers[module] = named
print(json.dumps({"versions": versions, "providers": providers, "watched": watched, "racy": racy,
                  "executable": os.path.realpath(sys.executable)}))
`

function isListingRun(value: unknown): value is ListingRun {
  const run = value as ListingRun
  return (
    typeof run === 'object' &&
    run !== null &&
    typeof run.executable === 'string' &&
    typeof run.racy === 'boolean' &&
    Array.isArray(run.watched) &&
    typeof run.versions === 'object' &&
    run.versions !== null &&
    typeof run.providers === 'object' &&
    run.providers !== null
  )
}

/** Undefined when the interpreter does not run or says something else: versions are a convenience, never a requirement. */
// Run from a temp dir: a package file named json.py must not shadow the script's imports.
export function runListing(interpreter: string, watchAlso: readonly string[], runEnv: Record<string, string> = {}): Promise<ListingRun | undefined> {
  return new Promise((resolve) => {
    execFile(interpreter, ['-c', LISTING_SCRIPT, JSON.stringify(watchAlso)], {cwd: tmpdir(), env: {...process.env, ...runEnv}, maxBuffer: 64 * 1024 * 1024, timeout: 30_000}, (error, stdout) => {
      if (error) return resolve(undefined)
      try {
        const parsed: unknown = JSON.parse(stdout)
        resolve(isListingRun(parsed) ? parsed : undefined)
      } catch {
        resolve(undefined)
      }
    })
  })
}
