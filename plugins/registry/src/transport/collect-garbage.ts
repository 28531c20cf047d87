/**
 * Bounded memory for transfers. Every chunk a transfer moves (a network read, a file read, a tar
 * block) is a Buffer whose bytes live outside the V8 heap and are freed only when V8 collects its
 * small JS wrapper. A transfer allocates too few JS objects to trigger a collection soon, so dead
 * chunks pile up to V8's external-memory threshold: a 100 MB pull or push peaked near 100 MB of
 * RSS, about 40 MB of it dead chunks. Collecting after every few MiB moved keeps that bounded, for
 * a few milliseconds per collection (the heap itself is a few MB).
 *
 * `gc` is not exposed to scripts unless node starts with --expose-gc; setting the flag at run time
 * exposes it to new contexts, and a collection is of the whole isolate, whichever context asks.
 */
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

const EVERY = 8 << 20

let collect: (() => void) | null | undefined

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc')
      const gc = runInNewContext('gc') as unknown
      collect = typeof gc === 'function' ? (gc as () => void) : null
    } catch {
      collect = null
    }
  }
  return collect
}

/** Count bytes as they move; every EVERY bytes, the dead chunks are collected. */
export function chunkCollector(every = EVERY): (bytes: number) => void {
  let since = 0
  return (bytes) => {
    since += bytes
    if (since < every) return
    since = 0
    collector()?.()
  }
}
