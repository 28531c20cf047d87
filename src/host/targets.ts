/**
 * AI-tool targets: where plugin skills, commands and agents are installed. Read from
 * $AIGOGO_CONFIG or AIGOGO_HOME/config.json:
 *
 *   {"targets": [{"name": "claude-code", "root": "~/.claude", "skills": "skills", "commands": "commands", "agents": "agents"}]}
 *
 * An absent sub-path means the category's default name; "", false or null skip the category.
 * Without a "targets" key the shipped defaults apply, each only when its root already exists
 * (aigogo never creates an AI tool's home); "targets": [] turns syncing off.
 */
import {type AigogoDirs, readJsonFile, usageError} from '@aigogo/sdk'
import {existsSync} from 'node:fs'
import {homedir} from 'node:os'
import {join, resolve} from 'node:path'

import type {AssetCategory} from './bundle-check.js'

export interface Target {
  name: string
  /** As configured (may start with ~), for messages. */
  root: string
  /** Absolute directory per category; undefined = skipped for this target. */
  dirs: Partial<Record<AssetCategory, string>>
}

interface TargetSpec {
  name?: string
  root?: unknown
  skills?: unknown
  commands?: unknown
  agents?: unknown
}

/**
 * Claude Code reads all three categories. Codex (~/.codex, or $CODEX_HOME) and Gemini CLI
 * (~/.gemini) read Agent Skills (skills/<name>/SKILL.md) only: Codex custom prompts are a flat
 * folder of .md files and Gemini commands are TOML, so neither can take a namespaced commands
 * folder. OpenCode (~/.config/opencode) reads skills/; its agents use another frontmatter.
 */
export function defaultTargetSpecs(env: NodeJS.ProcessEnv = process.env): TargetSpec[] {
  const home = homedir()
  const xdgConfig = env.XDG_CONFIG_HOME || join(home, '.config')
  return [
    {agents: 'agents', commands: 'commands', name: 'claude-code', root: '~/.claude', skills: 'skills'},
    {agents: false, commands: false, name: 'codex', root: env.CODEX_HOME || '~/.codex', skills: 'skills'},
    {agents: false, commands: false, name: 'gemini-cli', root: '~/.gemini', skills: 'skills'},
    {agents: false, commands: false, name: 'opencode', root: join(xdgConfig, 'opencode'), skills: 'skills'},
  ]
}

export function configPath(dirs: AigogoDirs, env: NodeJS.ProcessEnv = process.env): string {
  return env.AIGOGO_CONFIG?.trim() ? resolve(env.AIGOGO_CONFIG.trim()) : join(dirs.home, 'config.json')
}

export function expandHome(path: string): string {
  if (path === '~') return homedir()
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : path
}

function invalid(file: string, why: string): Error {
  return usageError('CONFIG_INVALID', `the aigogo config ${file} is invalid: ${why}`, [
    `fix ${file}: {"targets": [{"name": "claude-code", "root": "~/.claude", "skills": "skills", "commands": "commands", "agents": "agents"}]}`,
    'a sub-path set to "", false or null skips that category; "targets": [] turns asset syncing off',
  ], {file})
}

function toTarget(spec: TargetSpec, index: number, file: string): Target {
  if (typeof spec !== 'object' || spec === null) throw invalid(file, `target #${index + 1} is not an object`)
  if (typeof spec.root !== 'string' || spec.root.trim() === '') throw invalid(file, `target #${index + 1} has no "root"`)
  const root = resolve(expandHome(spec.root))
  const dirs: Target['dirs'] = {}
  for (const category of ['skills', 'commands', 'agents'] as const) {
    const value = spec[category]
    if (value === undefined) dirs[category] = join(root, category)
    else if (value === '' || value === false || value === null) continue
    else if (typeof value === 'string') dirs[category] = resolve(root, expandHome(value))
    else throw invalid(file, `target #${index + 1} "${category}" must be a path, "", false or null`)
  }
  return {dirs, name: typeof spec.name === 'string' && spec.name ? spec.name : spec.root, root: spec.root}
}

export async function loadTargets(dirs: AigogoDirs, env: NodeJS.ProcessEnv = process.env): Promise<Target[]> {
  const file = configPath(dirs, env)
  const config = (await readJsonFile(file, {code: 'CONFIG_INVALID', what: 'the aigogo config'})) as {targets?: unknown} | undefined
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) throw invalid(file, 'expected a JSON object')
  if (config?.targets === undefined) {
    return defaultTargetSpecs(env)
      .map((spec, i) => toTarget(spec, i, file))
      .filter((target) => existsSync(resolve(expandHome(target.root))))
  }
  if (!Array.isArray(config.targets)) throw invalid(file, '"targets" must be a list')
  return config.targets.map((spec, i) => toTarget(spec as TargetSpec, i, file))
}
