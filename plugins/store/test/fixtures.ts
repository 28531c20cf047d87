/** Small real packages on disk for the store tests. */
import {mkdir, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), {recursive: true})
    await writeFile(join(root, path), content)
  }
}

export function manifestJson(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({language: {name: 'python', version: '>=3.8'}, name: 'my-utils', version: '0.1.0', files: {include: 'auto'}, ...fields}, null, 2) + '\n'
}

/** A python package: utils.py, helpers/text.py, a README, and aigogo.json. */
export async function pythonPackage(root: string, fields: Record<string, unknown> = {}): Promise<void> {
  await writeFiles(root, {
    'README.md': '# my utils\n',
    'aigogo.json': manifestJson(fields),
    'helpers/text.py': 'def shout(s):\n    return s.upper()\n',
    'utils.py': 'def titlecase(text):\n    return text.title()\n',
  })
}
