/**
 * Reading a username and a secret: from a TTY (secret not echoed) or from stdin (--password-stdin).
 */
import {createInterface} from 'node:readline'
import {Writable} from 'node:stream'

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

export async function ask(question: string, options: {secret?: boolean} = {}): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stderr.write(chunk)
      callback()
    },
  })
  const rl = createInterface({input: process.stdin, output, terminal: true})
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer))
      muted = Boolean(options.secret)
    })
  } finally {
    rl.close()
    if (options.secret) process.stderr.write('\n')
  }
}
