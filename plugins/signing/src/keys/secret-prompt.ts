/** Asking for a passphrase on the terminal, without echo. The question and the newline go to stderr. */
import {canAsk} from '@aigogo/sdk/core'

export {canAsk}

export async function askSecret(question: string): Promise<string> {
  const {createInterface} = await import('node:readline')
  const {Writable} = await import('node:stream')
  let muted = false
  // Echo the question, then nothing: the typed characters never reach the terminal.
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stderr.write(chunk)
      callback()
    },
  })
  const rl = createInterface({input: process.stdin, output, terminal: true})
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, resolve)
      muted = true
    })
  } finally {
    rl.close()
    process.stderr.write('\n')
  }
}
