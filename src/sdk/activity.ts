/**
 * What the command is doing right now ("pulling team/x:1: downloading layer sha256:…"), so that
 * a command that ends unexpectedly (a promise that never settles: see the kernel's main.ts) can
 * say where it was. Long operations set it; it costs one assignment. Kept on globalThis so that
 * every copy of the SDK in one process (an installed plugin ships its own) shares one label.
 */
const KEY = Symbol.for('aigogo.activity')

type Holder = {[KEY]?: string}

export function currentActivity(): string | undefined {
  return (globalThis as Holder)[KEY]
}

/** Sets the label; returns a function that restores the previous one. */
export function setActivity(label: string): () => void {
  const holder = globalThis as Holder
  const previous = holder[KEY]
  holder[KEY] = label
  return () => {
    holder[KEY] = previous
  }
}

/** Runs `work` under `label`, restoring the previous label when it settles. */
export async function withActivity<T>(label: string, work: () => Promise<T>): Promise<T> {
  const restore = setActivity(label)
  try {
    return await work()
  } finally {
    restore()
  }
}
