/**
 * Bounded memory for transfers. Every chunk a transfer moves (a network read, a file read, a tar
 * block) is a Buffer whose bytes live outside the V8 heap and are freed only when V8 collects its
 * small JS wrapper. A transfer allocates too few JS objects to trigger a collection soon, so dead
 * chunks pile up to V8's external-memory threshold: a 100 MB pull or push peaked near 100 MB of
 * RSS, about 40 MB of it dead chunks. Collecting after every few MiB moved keeps that bounded.
 *
 * The collection is a minor one (a scavenge of the young generation, well under a millisecond):
 * chunks are written as soon as they arrive (tar/unpack.ts) or sent as soon as they are read, so
 * they die young, and a scavenge frees their bytes. A full collection every 8 MiB, as before,
 * cost 10 to 40 ms each (a dozen per 100 MB: ~15% of a pull's CPU) for 1 MB less peak RSS.
 *
 * `gc` is not exposed to scripts unless node starts with --expose-gc; setting the flag at run time
 * exposes it to new contexts, and a collection is of the whole isolate, whichever context asks.
 */
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

const EVERY = 2 << 20
const MAJOR_EVERY = 8 << 20

type Collect = (options?: {type: 'minor' | 'major'}) => void

let collect: Collect | null | undefined

function collector(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc')
      const gc = runInNewContext('gc') as unknown
      collect = typeof gc === 'function' ? (gc as Collect) : null
    } catch {
      collect = null
    }
  }
  return collect
}

/**
 * Count bytes as they move; every `every` bytes, the dead chunks are collected: by a scavenge
 * ("minor", for chunks that die as soon as they are handled) or a full collection ("major", for
 * chunks that live across several event-loop turns and so are promoted out of the young generation,
 * as an upload's are while the socket sends them: a scavenge there left push at 130 MB).
 */
export function chunkCollector(kind: 'minor' | 'major' = 'minor', every = kind === 'minor' ? EVERY : MAJOR_EVERY): (bytes: number) => void {
  let since = 0
  return (bytes) => {
    since += bytes
    if (since < every) return
    since = 0
    const gc = collector()
    // gc() with no argument is the full collection; given options, V8 runs a scavenge.
    if (kind === 'minor') gc?.({type: 'minor'})
    else gc?.()
  }
}
