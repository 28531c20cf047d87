/**
 * The entry point. `aigogo --version` is answered here without loading oclif: importing
 * the framework alone costs about as much as starting node, and version checks are the
 * call scripts and agents make most. A plugin may answer the cheap case of one of its
 * commands the same way (src/fast-path.ts); a command with an oclif-free runner is run straight
 * from the manifests (src/dispatch/). Everything else goes through the full CLI.
 */
import {writeStdioDirectly, writeStdout} from '@aigogo/sdk/stdio'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const VERSION_FLAGS = new Set(['--version', '-v'])

/**
 * `aigogo ... | head`: once the reader has closed the pipe, nobody reads the rest. Drop it and let
 * the command finish (an install stops half-way for no one), instead of an unhandled EPIPE stack
 * trace, or oclif's flush waiting for a drain that never comes (then INTERNAL, exit 70).
 */
function dropOutputOnClosedStdout(stdout: NodeJS.WriteStream): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
    stdout.write = (() => true) as typeof stdout.write
    stdout.emit('drain') // release whoever waits to write more (oclif's flush)
  })
}

export async function main(argv: string[]): Promise<void> {
  // Output goes straight to the descriptors until something creates process.stdout or process.stderr,
  // which then get the guard above (src/sdk/stdio.ts: the streams cost 4-6 ms to create).
  writeStdioDirectly((stream, fd) => {
    if (fd === 1) dropOutputOnClosedStdout(stream)
  })
  if (argv.length === 1 && VERSION_FLAGS.has(argv[0] ?? '')) {
    const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {name: string; version: string}
    writeStdout(`${pjson.name}/${pjson.version} ${process.platform}-${process.arch} node-${process.version}\n`)
    return
  }
  // Three module graphs loaded side by side rather than one after the other.
  const fastPath = import('./fast-path.js')
  const dispatch = import('./dispatch/dispatch.js')
  for (const loading of [fastPath, dispatch]) loading.catch(() => {}) // awaited below, inside the guard
  const {guardUnsettled} = await import('./unsettled.js')
  const settle = guardUnsettled(argv)
  try {
    const kernelRoot = fileURLToPath(new URL('..', import.meta.url))
    if (await (await fastPath).tryFastPath(kernelRoot, argv)) return
    if (await (await dispatch).tryDispatch(kernelRoot, argv)) return
    const {runCli} = await import('./cli.js')
    await runCli(argv)
  } finally {
    settle()
  }
}
