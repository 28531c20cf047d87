/** The javascript wiring hook: links the packages and writes the register scripts (buildTree does both). */
import type {WiringInput, WiringResult} from '@aigogo/sdk/core'

import {join} from 'node:path'

import {buildTree} from '../install/build-tree.js'
import {treePackages} from './tree-packages.js'

export async function wireNode(input: WiringInput): Promise<WiringResult> {
  const tree = await buildTree(input.stagingDir, treePackages('javascript', input.packages), input.onWired && (() => input.onWired?.(1)))
  return {details: {register: join(input.aigogoDir, 'register.js'), registerEsm: join(input.aigogoDir, 'register.mjs')}, warnings: tree.warnings}
}
