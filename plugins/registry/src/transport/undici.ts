/**
 * The two parts of undici we use, the Agent and the request API, loaded without the package
 * root: the root also loads fetch, WebSocket, caches, mocks and interceptors, which costs
 * ~100 ms on our machines (as much as starting node) on every registry command. undici has no
 * "exports" map, and its major is pinned (7), whose lib/ layout these paths follow; every
 * registry test goes through them.
 */
import {createRequire} from 'node:module'
import {setFlagsFromString} from 'node:v8'

import type {Agent as UndiciAgent, Dispatcher} from 'undici'

// undici parses HTTP with llhttp compiled to WebAssembly. V8's optimizing tier recompiles it in
// background threads, and node waits for those at exit: ~150 ms after every registry command.
// The baseline compiler's code parses headers just as well. Must run before the first connection.
setFlagsFromString('--liftoff-only')

const require = createRequire(import.meta.url)

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent
const apiRequest = require('undici/lib/api/api-request.js') as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>

export type {UndiciAgent}

/** undici's request() on one dispatcher. */
export function request(dispatcher: Dispatcher, url: URL, options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'>): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(dispatcher, {...options, origin: url.origin, path: `${url.pathname}${url.search}`})
}
