/** A language's WiredPackages in the shape buildTree links. */
import type {WiredPackage} from '@aigogo/sdk/core'

import type {TreePackage} from '../install/build-tree.js'

export function treePackages(language: string, packages: readonly WiredPackage[]): TreePackage[] {
  return packages.map((p) => ({entry: {language}, key: p.key, stored: {filesDir: p.filesDir}}))
}
