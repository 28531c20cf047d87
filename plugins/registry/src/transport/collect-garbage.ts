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

const EVERY = 2 << 20

/**
 * A download's interval. 1 MiB: a 100 MB pull peaked 2 to 3 MB lower than with 2 MiB (node's HTTP
 * parser hands every body chunk over as a fresh copy, freed only by a collection), for ~100
 * scavenges of ~0.1 ms; 512 KiB took 1 to 2 MB more off but cost measurable CPU. An upload keeps
 * 2 MiB: its reads wait in the request's queue, and scavenged that often they survive two
 * scavenges and are promoted (a 100 MB push peaked at 68-69 MB instead of 58-60).
 */
export const DOWNLOAD_EVERY = 1 << 20

type Collect = (options?: {type: 'minor'}) => void

let collect: Collect | null | undefined

function collector(): Collect | null {
  if (collect === undefined) {
    try {
      // Loaded here, on the first collection: node:v8 brings node's streams (8 ms), and a command
      // that only reads a manifest (info) never collects.
      process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc')
      const gc = process.getBuiltinModule('node:vm').runInNewContext('gc') as unknown
      collect = typeof gc === 'function' ? (gc as Collect) : null
    } catch {
      collect = null
    }
  }
  return collect
}

/**
 * Count bytes as they move; every `every` bytes, the dead chunks are collected by a scavenge. That
 * frees chunks that die before two scavenges pass over them: a download's, written as they arrive
 * (tar/unpack.ts), and an upload's 256 KiB reads (tar/writer.ts). Chunks that live longer are
 * promoted out of the young generation, where only a full collection frees them: uploads of
 * 1 MiB chunks with a scavenge every 2 MiB peaked at 130 MB.
 */
export function chunkCollector(every = EVERY): (bytes: number) => void {
  let since = 0
  return (bytes) => {
    since += bytes
    if (since < every) return
    since = 0
    // gc() with no argument is a full collection; with options, a scavenge.
    collector()?.({type: 'minor'})
  }
}
