/**
 * Asking a question on the terminal: the question and the newline go to stderr (stdout stays the
 * command's data), and a secret's typed characters are never echoed. readline loads only when
 * something is asked: this module is part of the SDK core every command imports.
 */
export async function ask(question: string, options: {secret?: boolean} = {}): Promise<string> {
  const [{createInterface}, {Writable}] = await Promise.all([import('node:readline'), import('node:stream')])
  let muted = false
  // Echo the question, then nothing when it is a secret.
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
