/** Tests run the compiled CLI: refuse to start on a stale or missing build rather than fail confusingly. */
import {existsSync} from 'node:fs'
import {join} from 'node:path'

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..')
  for (const file of ['dist/main.js', 'oclif.manifest.json']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` (npm test does it for you)`)
  }
}
