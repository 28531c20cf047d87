/**
 * What every capability's default export must have at run time. TypeScript checks a provider that
 * is written against the contract (`satisfies PackageSource`); this checks what the host will
 * actually import — the built module a package.json names — which is where plugins break.
 * Typed as a full record so that a new capability cannot be added without its shape.
 */
import type {CapabilityName} from './contracts/index.js'

export interface ContractShape {
  functions: readonly string[]
  strings?: readonly string[]
  /** Members that must be arrays of strings. */
  lists?: readonly string[]
}

export const CONTRACT_SHAPES: Record<CapabilityName, ContractShape> = {
  'dependency-import': {functions: ['fromPyproject', 'fromPackageJson']},
  'dependency-validator': {functions: ['validate']},
  'local-builds': {functions: ['resolve', 'list']},
  manifest: {functions: ['find', 'load', 'parse']},
  'package-catalog': {functions: ['info']},
  'package-files': {functions: ['discover']},
  'package-source': {functions: ['accepts', 'fetch'], strings: ['id']},
  'package-trust': {functions: ['covers', 'enforce', 'describe', 'sign']},
  'project-packages': {functions: ['add', 'install', 'installed']},
  referrers: {functions: ['resolve', 'list', 'fetch', 'attach']},
  registry: {functions: ['search']},
  store: {functions: ['putFromDirectory', 'stage', 'has', 'get', 'verify', 'check', 'snapshot', 'checkSnapshots', 'remove']},
}

export function isCapabilityName(name: string): name is CapabilityName {
  return Object.hasOwn(CONTRACT_SHAPES, name)
}

/** Why `implementation` does not satisfy the capability's contract; empty when it does. */
export function contractProblems(name: CapabilityName, implementation: unknown): string[] {
  if (typeof implementation !== 'object' || implementation === null) return [`the default export is ${implementation === null ? 'null' : typeof implementation}, not an object`]
  const shape = CONTRACT_SHAPES[name]
  const value = implementation as Record<string, unknown>
  const problems: string[] = []
  for (const member of shape.functions) if (typeof value[member] !== 'function') problems.push(`${member}() is missing (it is ${typeof value[member]})`)
  for (const member of shape.strings ?? []) if (typeof value[member] !== 'string' || value[member] === '') problems.push(`${member} must be a non-empty string`)
  for (const member of shape.lists ?? []) {
    const list = value[member]
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) problems.push(`${member} must be a list of strings`)
  }
  return problems
}

/** Cheap calls that must not throw and must answer in the contract's types (run only when the shape is right). */
export async function behaviourProblems(name: CapabilityName, implementation: unknown): Promise<string[]> {
  const problems: string[] = []
  try {
    if (name === 'package-source') {
      const source = implementation as {accepts(ref: string): unknown}
      for (const ref of ['', 'some-package:1.0.0', 'localhost:5000/team/pkg:1.0.0']) {
        const answer = source.accepts(ref)
        if (typeof answer !== 'boolean') problems.push(`accepts(${JSON.stringify(ref)}) returned ${typeof answer}, not a boolean`)
      }
    }
  } catch (error) {
    problems.push(`a probe threw: ${error instanceof Error ? error.message : String(error)}`)
  }
  return problems
}
