/**
 * The "project-packages" capability: `aigogo add` and `aigogo install` for other plugins (the
 * MCP server). It calls exactly the functions the commands call, so their checks all apply.
 */
import {lstat} from 'node:fs/promises'
import {join} from 'node:path'

import {aigogoDirs, capability, type InstalledProjectPackage, type ProjectPackagesCapability} from '@aigogo/sdk/core'

import {aigogoDirOf, loadProjectLock} from '../install/project.js'
import {importHint, upToDate} from '../install/up-to-date.js'
import {packageSources} from '../install/sources.js'
import {addPackage} from '../lock/add-package.js'

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false)

/** Where install wires a package (see build-tree.ts). */
function wiredPath(projectDir: string, key: string, language: string): string {
  const imports = join(aigogoDirOf(projectDir), 'imports')
  return language === 'python' ? join(imports, 'aigogo', key) : join(imports, '@aigogo', key)
}

const projectPackages: ProjectPackagesCapability = {
  async add(ref, context) {
    const added = await addPackage(ref, await packageSources(context.plugins), {cwd: context.cwd, dirs: aigogoDirs(), json: true})
    return {
      digest: added.digest,
      import: importHint(added.key, added.language),
      integrity: added.integrity,
      key: added.key,
      language: added.language,
      lockFile: added.lockFile,
      name: added.name,
      replaced: added.replaced,
      source: added.source,
      version: added.version,
    }
  },

  async install(context) {
    const options = {
      cwd: context.cwd,
      dirs: aigogoDirs(),
      frozen: context.frozen ?? false,
      json: true,
      ...(context.python ? {python: context.python} : {}),
      say: context.say ?? (() => {}),
    }
    let result = await upToDate(options, () => capability(context.plugins, 'store'))
    if (!result) {
      const {install} = await import('../install/install.js')
      result = await install(await packageSources(context.plugins), options)
    }
    return {
      fetched: result.fetched,
      lockFile: result.lockFile,
      packages: result.packages.map((p) => ({import: p.import, language: p.language, name: p.name, version: p.version})),
      projectDir: result.projectDir,
      upToDate: result.upToDate,
      warnings: result.warnings,
    }
  },

  async installed(context) {
    const loaded = await loadProjectLock(context.cwd)
    const store = await capability(context.plugins, 'store')
    const packages: InstalledProjectPackage[] = []
    for (const [key, entry] of Object.entries(loaded.lock.packages).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const language = entry.language.toLowerCase()
      const stored = await store.get(entry.integrity)
      const manifest = stored?.manifest
      packages.push({
        import: importHint(key, language),
        installed: await exists(wiredPath(loaded.dir, key, language)),
        integrity: entry.integrity,
        key,
        language,
        name: manifest?.name ?? key,
        source: entry.source,
        version: entry.version,
        ...(manifest?.ai ? {ai: manifest.ai} : {}),
        ...(manifest?.description ? {description: manifest.description} : {}),
      })
    }
    return {lockFile: loaded.path, packages, projectDir: loaded.dir}
  },
}

export default projectPackages
