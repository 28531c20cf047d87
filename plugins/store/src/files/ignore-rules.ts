/**
 * What a package leaves out, with full gitignore semantics (negation, anchoring,
 * directory-only patterns, "**"): the default excludes, then "files.exclude", then
 * .aigogoignore, the last matching rule winning (upstream's order, spec §4.2).
 *
 * When every rule is "*.ext" or a plain name (the 25 defaults and most ignore files), the rules are
 * decided here (`plain-rules.ts`), and the `ignore` package is neither evaluated nor asked to compile
 * its 25 regular expressions; any other rule sends every question to it, as before.
 */
import type {PackageManifest} from '@aigogo/sdk/core'
import type {Ignore} from 'ignore'

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {type PlainRule, decidePlain, parsePlainRule} from './plain-rules.js'

export const IGNORE_FILE = '.aigogoignore'

export const DEFAULT_EXCLUDES = [
  '.git/', '.svn/', '.hg/', 'node_modules/', 'venv/', '.venv/', 'env/', '__pycache__/', '*.pyc', '.eggs/', '*.egg-info/',
  'dist/', 'build/', 'target/', '*.so', '*.dylib', '*.dll', '*.exe', '.vscode/', '.idea/', '*.swp', '*.swo', '.DS_Store',
  '.aigogo/', 'aigogo.json',
] as const

export interface IgnoreRules {
  /** True when the path (relative, forward slashes; directories with isDir) is left out. */
  ignores(path: string, isDir: boolean): boolean
  /**
   * The same answer for a path whose directories are all kept, as in a walk that prunes ignored
   * directories; faster (by the entry's name alone when every rule matches by name).
   */
  ignoresInKeptDir(path: string, isDir: boolean): boolean
  /** Why it is left out: ".aigogoignore:<line>: <text>" or the pattern; undefined when kept. */
  reason(path: string, isDir: boolean): string | undefined
}

interface Rule {
  pattern: string
  /** Where it comes from, for `reason` (.aigogoignore lines). */
  mark?: string
}

/**
 * A pattern that can only match an entry by its own name ("*.pyc", "venv/", "!keep.py"): no slash
 * but a trailing one. Such a rule matches "a/b/x.pyc" exactly when it matches "x.pyc".
 */
const byNameOnly = (pattern: string): boolean => !pattern.replace(/^!/, '').replace(/\/$/, '').includes('/')

/**
 * The class of names `name` ("x.py", or "pkg/" for a directory) is decided with, when every rule
 * is "*.ext" or a plain name; undefined when only the name itself will do. The `ignore` package
 * turns "*.ext" into /^[^/]*\.ext$/i and a plain name into /^name$/i (a trailing "/": directories
 * only). A plain rule is ASCII, and a case-insensitive JavaScript regex matches an ASCII letter
 * only with an ASCII letter, so a name can match it only if their `toUpperCase()` are equal (a
 * non-ASCII "ſ" upper-cases to "S": such a name merely keeps its own key). Any other name matches
 * exactly the "*.ext" rules whose ".ext" ends it; an extension has no dot, so that is decided by the
 * text after the name's last dot: every name with the same last extension (compared exactly) and
 * the same kind gets the same answer. Names starting with "." keep their own key (the matcher
 * refuses ".." and the like). test/ignore-rules.test.ts compares with `ignore` over many names.
 */
function extensionClass(name: string, plainNames: ReadonlySet<string>): string | undefined {
  const isDir = name.endsWith('/')
  const bare = isDir ? name.slice(0, -1) : name
  if (bare.charCodeAt(0) === 46 /* . */ || plainNames.has(bare.toUpperCase())) return undefined
  const dot = bare.lastIndexOf('.')
  // "\0" cannot be in a file name, so a class never equals a name's own key.
  return `\0${isDir ? 'd' : 'f'}${dot < 0 ? '' : bare.slice(dot)}`
}

export async function loadIgnoreRules(dir: string, manifest: PackageManifest): Promise<IgnoreRules> {
  const rules: Rule[] = [...DEFAULT_EXCLUDES, ...(manifest.files.exclude ?? [])].map((pattern) => ({pattern}))
  const text = readIgnoreFile(join(dir, IGNORE_FILE))
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    rules.push({mark: `${IGNORE_FILE}:${i + 1}: ${line}`, pattern: line})
  })
  const plain = rules.map((rule) => parsePlainRule(rule.pattern))
  if (plain.every((rule) => rule !== undefined)) return plainRules(rules, plain as PlainRule[])
  const {default: ignore} = await import('ignore')
  return matcherRules(ignore().add(rules), rules.map((rule) => rule.pattern))
}

/** The .aigogoignore file's text; none is an empty one. Synchronous: one small read (an async one is four round trips). */
function readIgnoreFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/** Rules that are all "*.ext" or plain names, decided without the `ignore` package. */
function plainRules(rules: readonly Rule[], plain: readonly PlainRule[]): IgnoreRules {
  const byName = new Map<string, boolean>()
  const plainNames = new Set(plain.map((rule) => rule.name?.toUpperCase()).filter((n) => n !== undefined))
  const decide = (name: string, isDir: boolean): boolean => decidePlain(plain, name, isDir) >= 0
  /** The index of the rule that leaves the path out (its first ignored directory's, or its own), or -1. */
  const deciding = (path: string, isDir: boolean): number => {
    const parts = path.split('/')
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1
      const rule = decidePlain(plain, parts[i] as string, last ? isDir : true)
      if (rule >= 0) return rule
    }
    return -1
  }
  return {
    ignores: (path, isDir) => deciding(path, isDir) >= 0,
    ignoresInKeptDir(path, isDir) {
      // By extension class, as for the `ignore` package below: a few decisions for 2,000 names.
      const name = path.slice(path.lastIndexOf('/') + 1)
      const key = isDir ? `${name}/` : name
      const cacheKey = extensionClass(key, plainNames) ?? key
      let ignored = byName.get(cacheKey)
      if (ignored === undefined) byName.set(cacheKey, (ignored = decide(name, isDir)))
      return ignored
    },
    reason(path, isDir) {
      const rule = rules[deciding(path, isDir)]
      return rule ? rule.mark ?? rule.pattern : undefined
    },
  }
}

/** Any rules, through the `ignore` package. */
function matcherRules(matcher: Ignore, patterns: readonly string[]): IgnoreRules {
  const key = (path: string, isDir: boolean): string => (isDir ? `${path}/` : path)
  // When every rule matches by name alone, an entry whose directories are kept (the walk prunes
  // the others) is decided by its name: a build of 2,000 files in 40 folders asks about 90 names,
  // not 2,000 paths against every rule (a third of the walk's time).
  const byName = patterns.every(byNameOnly) ? new Map<string, boolean>() : undefined
  return {
    ignores: (path, isDir) => matcher.ignores(key(path, isDir)),
    ignoresInKeptDir(path, isDir) {
      if (!byName) return matcher.ignores(key(path, isDir))
      const name = key(path.slice(path.lastIndexOf('/') + 1), isDir)
      let ignored = byName.get(name)
      if (ignored === undefined) byName.set(name, (ignored = matcher.ignores(name)))
      return ignored
    },
    reason(path, isDir) {
      const result = matcher.checkIgnore(key(path, isDir))
      if (!result.ignored) return undefined
      return result.rule?.mark ?? result.rule?.pattern ?? 'a parent directory'
    },
  }
}
