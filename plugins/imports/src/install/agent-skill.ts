/**
 * The opt-in agent skill (`install --agent-skill`): one Agent Skill, `aigogo-packages`, that
 * points coding agents at .aigogo/AGENTS.md, written into the project-level folders of the AI
 * tools the plugin host syncs to (Claude Code, Codex, Gemini CLI, OpenCode). What was written is
 * recorded in .aigogo/ with its digest, so uninstall removes exactly that and keeps a file the
 * user has since edited.
 */
import {createHash} from 'node:crypto'
import {mkdir, readFile, rm, rmdir, stat} from 'node:fs/promises'
import {dirname, join, relative} from 'node:path'

import {joinInside, writeFileAtomic, writeJsonAtomic} from '@aigogo/sdk/core'

export const AGENT_SKILL_RECORD = 'agent-skill.json'
export const AGENT_SKILL_NAME = 'aigogo-packages'
/** Project-level roots of the AI tools the host knows (src/host/targets.ts), each reading skills/<name>/SKILL.md. */
export const PROJECT_TOOL_ROOTS = ['.claude', '.codex', '.gemini', '.opencode'] as const

export const SKILL_TEXT = `---
name: ${AGENT_SKILL_NAME}
description: Reusable code packages installed in this project by aigogo. Use before writing helper code, to import an installed package instead.
---

# aigogo packages

This project installs small reusable packages with aigogo. The list of what is installed, with
the import line, summary, capabilities and usage of each package, is in \`.aigogo/AGENTS.md\` at
the project root. Read it before writing code that a package may already provide.

- Python: \`from aigogo.<package> import <name>\`; Node.js: \`require('@aigogo/<package>')\` or \`import ... from '@aigogo/<package>'\`.
- Do not edit files under \`.aigogo/\`: \`aigogo install\` rewrites them from aigogo.lock.
- Find more packages with \`aigogo search <words>\`, add one with \`aigogo add <ref>\`, then run \`aigogo install\`.
`

interface SkillRecord {
  /** Project-relative paths and the sha256 of what was written there. */
  files: Array<{path: string; sha256: string}>
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex')
const isDir = (path: string): Promise<boolean> => stat(path).then((s) => s.isDirectory(), () => false)

export async function readSkillRecord(aigogoDir: string): Promise<SkillRecord | undefined> {
  const text = await readFile(join(aigogoDir, AGENT_SKILL_RECORD), 'utf8').catch(() => undefined)
  if (!text) return undefined
  try {
    const record = JSON.parse(text) as SkillRecord
    return Array.isArray(record.files) ? record : undefined
  } catch {
    return undefined
  }
}

/** Writes the skill into every project tool folder that exists (.claude when none does); returns the files written. */
export async function syncAgentSkill(projectDir: string, aigogoDir: string): Promise<string[]> {
  const present = []
  for (const root of PROJECT_TOOL_ROOTS) if (await isDir(join(projectDir, root))) present.push(root)
  const roots = present.length > 0 ? present : ['.claude']
  const written: SkillRecord['files'] = []
  for (const root of roots) {
    const file = joinInside(projectDir, root, 'skills', AGENT_SKILL_NAME, 'SKILL.md')
    await mkdir(dirname(file), {recursive: true})
    await writeFileAtomic(file, SKILL_TEXT)
    written.push({path: relative(projectDir, file), sha256: sha256(SKILL_TEXT)})
  }
  const before = (await readSkillRecord(aigogoDir))?.files ?? []
  const files = [...before.filter((f) => !written.some((w) => w.path === f.path)), ...written]
  await writeJsonAtomic(join(aigogoDir, AGENT_SKILL_RECORD), {files})
  return written.map((w) => join(projectDir, w.path))
}

/** Removes the skill files install wrote and nobody changed since; returns {removed, kept}. */
export async function removeAgentSkill(projectDir: string, aigogoDir: string): Promise<{removed: string[]; kept: string[]}> {
  const removed: string[] = []
  const kept: string[] = []
  for (const entry of (await readSkillRecord(aigogoDir))?.files ?? []) {
    let file: string
    try {
      file = joinInside(projectDir, entry.path)
    } catch {
      continue
    }
    const content = await readFile(file).catch(() => undefined)
    if (content === undefined) continue
    if (sha256(content) !== entry.sha256) {
      kept.push(file)
      continue
    }
    await rm(file, {force: true})
    // The skill's own folder goes when empty; the tool's skills/ folder is left to the tool.
    await rmdir(dirname(file)).catch(() => {})
    removed.push(file)
  }
  return {kept, removed}
}
