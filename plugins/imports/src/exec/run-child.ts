/**
 * Node has no execve: the script runs as a child with inherited stdio; signals we receive are
 * forwarded, and its exit code (or the signal that ended it) becomes ours.
 */
import {spawn} from 'node:child_process'

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2']

export function runChild(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {env, stdio: 'inherit'})
    const handlers = FORWARDED.map((signal) => {
      const handler = (): void => {
        child.kill(signal)
      }
      process.on(signal, handler)
      return [signal, handler] as const
    })
    const cleanup = (): void => {
      for (const [signal, handler] of handlers) process.off(signal, handler)
    }
    child.once('error', (error) => {
      cleanup()
      reject(error)
    })
    child.once('exit', (code, signal) => {
      cleanup()
      resolve({code, signal})
    })
  })
}
