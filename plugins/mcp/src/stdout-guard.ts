/**
 * stdout carries the protocol. Anything else that writes there (a console.log in a plugin, a
 * progress line) would corrupt the stream the client parses, so the server keeps a private
 * writer for the transport and sends every other stdout write to stderr.
 */
import {Writable} from 'node:stream'

export function reserveStdout(): Writable {
  const write = process.stdout.write.bind(process.stdout)
  const protocol = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      write(chunk, (error?: Error | null) => callback(error ?? null))
    },
  })
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
  return protocol
}
