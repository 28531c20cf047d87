/**
 * What the start path reads about the plugins, read once per process: the fast paths
 * (src/fast-path.ts) and then the dispatcher (plugin-set.ts) look at the same state file and the
 * same package.json files one after the other. Only for that path, which changes nothing: a
 * command that changes the state reads it itself (readPluginState).
 */
import {readFileSync} from 'node:fs'

import {type PluginState, readPluginStateSync} from '../host/plugin-state.js'

const jsonFiles = new Map<string, unknown>()

/** A JSON file's value, or undefined when it is missing or not JSON (the caller decides what that means). */
export function readJsonOnce<T>(file: string): T | undefined {
  if (!jsonFiles.has(file)) {
    let value: unknown
    try {
      value = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      value = undefined
    }
    jsonFiles.set(file, value)
  }
  return jsonFiles.get(file) as T | undefined
}

const states = new Map<string, PluginState | Error>()

/** state/plugins.json as readPluginState gives it (a corrupt file throws, for every caller). */
export function pluginStateOnce(stateDir: string): PluginState {
  let state = states.get(stateDir)
  if (!state) {
    try {
      state = readPluginStateSync(stateDir)
    } catch (error) {
      state = error as Error
    }
    states.set(stateDir, state)
  }
  if (state instanceof Error) throw state
  return state
}
