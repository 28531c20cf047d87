/**
 * The SDK's direct writes to stdout and stderr (src/sdk/stdio.ts): what a reader gets must be what
 * the command wrote, in order, whether the descriptor blocks, is non-blocking behind a slow reader,
 * or has a stream that something else created first.
 */
import {execa} from 'execa'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'

import {REPO_ROOT} from './helpers/cli.js'
import {useTempWorkDir} from './helpers/temp-work-dir.js'

const work = useTempWorkDir('aigogo-stdio-')
const STDIO = pathToFileURL(join(REPO_ROOT, 'src', 'sdk', 'dist', 'stdio.js')).href

/** 60,000 numbered lines (~420 KB, several pipe buffers): a lost, doubled or reordered piece shows. */
const LINES = 60_000
const expected = Array.from({length: LINES}, (_, i) => `${String(i).padStart(6, '0')}\n`).join('')

async function script(body: string): Promise<string> {
  const file = join(work.path, 'writer.mjs')
  await writeFile(file, `import {writeStdioDirectly, writeStdout, writeStderr} from ${JSON.stringify(STDIO)}\nwriteStdioDirectly()\n${body}\n`)
  return file
}

/** Half the lines in one write, then the rest a line at a time: both the one large write and many small ones meet a full pipe. */
const WRITE_LINES = `const lines = Array.from({length: ${LINES}}, (_, i) => String(i).padStart(6, '0') + '\\n')
writeStdout(lines.slice(0, ${LINES / 2}).join(''))
for (const line of lines.slice(${LINES / 2})) writeStdout(line)
writeStderr('done\\n')`

describe('direct stdio writes', () => {
  it('keeps every byte in order on a pipe, and through a non-blocking pipe whose reader starts late', async () => {
    const writer = await script(WRITE_LINES)
    const plain = await execa(process.execPath, [writer], {stripFinalNewline: false})
    expect(plain.stdout).toBe(expected)
    expect(plain.stderr).toBe('done\n')

    // Python makes the pipe's write end non-blocking (as another process sharing it may have) and
    // reads nothing for half a second: the writer meets EAGAIN and must hand the rest to the stream.
    const driver = `
import os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
child = subprocess.Popen([sys.argv[1], sys.argv[2]], stdout=w, stderr=subprocess.PIPE)
os.close(w)
time.sleep(0.5)
out = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    out += chunk
err = child.stderr.read()
sys.stdout.write('%d %d %s' % (child.wait(), len(out), err.decode()))
sys.stdout.flush()
open(sys.argv[3], 'wb').write(out)
`
    const received = join(work.path, 'received.txt')
    const result = await execa('python3', ['-c', driver, process.execPath, writer, received])
    expect(result.stdout).toBe(`0 ${expected.length} done`)
    expect(await readFile(received, 'utf8')).toBe(expected)
  })

  it('sends everything through the stream once something created it, so nothing overtakes it', async () => {
    const writer = await script(`writeStdout('a\\n')
process.stdout.write('b\\n')
writeStdout('c\\n')
process.stdout.write('d\\n', () => writeStdout('e\\n'))`)
    const result = await execa(process.execPath, [writer])
    expect(result.stdout).toBe('a\nb\nc\nd\ne')
  })

  it('drops the rest when the reader is gone, and the command ends normally', async () => {
    const writer = await script(`${WRITE_LINES}\nprocess.exitCode = 3`)
    const result = await execa('sh', ['-c', `"${process.execPath}" "${writer}" | head -c 10`], {reject: false})
    expect(result.stdout).toBe('000000\n000')
    expect(result.stderr).toBe('done')
  })
})
