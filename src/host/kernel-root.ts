/** The kernel's package root (where package.json, registry/ and assets/ are). */
import {fileURLToPath} from 'node:url'

export const KERNEL_ROOT = fileURLToPath(new URL('../..', import.meta.url))
