/**
 * stdout and stderr without node's stream objects, until something asks for one. Creating
 * process.stdout or process.stderr loads node's stream machinery (a SyncWriteStream for a file, a
 * net.Socket for a pipe): 4-6 ms, paid by every command for a line or two of output.
 *
 * The entry point calls `writeStdioDirectly()` first. From then on `writeStdout`/`writeStderr`
 * write the text with fs.writeSync, which is what node's streams do for files, pipes and
 * terminals on Linux anyway, until the first time anyone reads process.stdout (oclif's log, the
 * progress line, the MCP server's guard): after that, everything for that descriptor goes through
 * the stream, so nothing written can overtake what the stream still holds, wherever streams are
 * asynchronous. Without the call (a plugin's code loaded in a test, another host) they are the
 * streams' own write, as before.
 *
 * - EAGAIN (a descriptor someone else made non-blocking and a reader that is slow): the rest goes
 *   to the stream, which waits for the reader.
 * - EPIPE (the reader is gone, `aigogo list | head -1`): the rest is dropped, as the entry point
 *   does for the stream, and the command finishes.
 *
 * The state lives on globalThis: the SDK is inlined into several start-up bundles of one process.
 */
import {type Stats, fstatSync, statSync, writeSync} from 'node:fs'

type Fd = 1 | 2

interface StdioState {
  /** Set once writeStdioDirectly() ran: direct writes are allowed. */
  direct: boolean
  /** Descriptors whose stream exists: everything for them goes through it. */
  streamed: Set<Fd>
  /** Descriptors whose reader is gone. */
  closed: Set<Fd>
}

const KEY = Symbol.for('aigogo.stdio')

function state(): StdioState {
  const holder = globalThis as unknown as Record<symbol, StdioState | undefined>
  return (holder[KEY] ??= {closed: new Set(), direct: false, streamed: new Set()})
}

const streamOf = (fd: Fd): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr)

/**
 * Lets writeStdout/writeStderr write to the descriptors until the stream is created, and calls
 * `onStream` with each stream when it is (the entry point's EPIPE guard). Wraps node's getters,
 * which stay lazy; where they cannot be wrapped, the streams are used as before.
 */
export function writeStdioDirectly(onStream: (stream: NodeJS.WriteStream, fd: Fd) => void = () => {}): void {
  const s = state()
  if (s.direct) return
  for (const [name, fd] of [['stdout', 1], ['stderr', 2]] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(process, name)
    const get = descriptor?.get
    if (!get || !descriptor.configurable) {
      s.streamed.add(fd)
      onStream(streamOf(fd), fd)
      continue
    }
    let stream: NodeJS.WriteStream | undefined
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: descriptor.enumerable,
      get() {
        if (!stream) {
          stream = get.call(process) as NodeJS.WriteStream
          s.streamed.add(fd)
          onStream(stream, fd)
        }
        return stream
      },
    })
  }
  s.direct = true
}

function write(fd: Fd, text: string): void {
  const s = state()
  if (s.closed.has(fd)) return
  if (!s.direct || s.streamed.has(fd)) {
    streamOf(fd).write(text)
    return
  }
  const bytes = Buffer.from(text, 'utf8')
  let at = 0
  try {
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EPIPE') s.closed.add(fd)
    else if (code === 'EAGAIN') streamOf(fd).write(bytes.subarray(at))
    else throw error
  }
}

/** Writes to stdout (see the module comment). */
export function writeStdout(text: string): void {
  write(1, text)
}

/** Writes to stderr (see the module comment). */
export function writeStderr(text: string): void {
  write(2, text)
}

/** Whether stat is /dev/null's (output thrown away, as a script or a bench does it). */
function isDevNull(stat: Stats): boolean {
  try {
    const devNull = statSync('/dev/null')
    return stat.dev === devNull.dev && stat.ino === devNull.ino
  } catch {
    return false
  }
}

/**
 * Whether the descriptor is a terminal, without creating its stream: a file or a pipe (what an
 * agent's command gets), or /dev/null, is answered by fstat; another character device (a
 * terminal) is asked of node:tty, which is as dear to load as the stream.
 */
export function isTerminal(fd: number): boolean {
  if ((fd === 1 || fd === 2) && state().streamed.has(fd)) return Boolean(streamOf(fd).isTTY)
  try {
    const stat = fstatSync(fd)
    if (!stat.isCharacterDevice() || isDevNull(stat)) return false
  } catch {
    return false
  }
  return process.getBuiltinModule('node:tty').isatty(fd)
}
