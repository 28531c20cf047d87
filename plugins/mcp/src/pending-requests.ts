/**
 * Counts requests the transport has delivered and not yet answered, so that a client which
 * writes its last request and closes stdin at once still gets every answer: the server stops
 * only when the count is back to zero.
 */
import type {Transport} from '@modelcontextprotocol/sdk/shared/transport.js'
import type {JSONRPCMessage} from '@modelcontextprotocol/sdk/types.js'

const isRequest = (m: JSONRPCMessage): boolean => 'method' in m && 'id' in m
const isResponse = (m: JSONRPCMessage): boolean => 'id' in m && ('result' in m || 'error' in m)

/** Call after server.connect(transport), which installs the transport's onmessage. */
export function trackPending(transport: Transport): {drained: () => Promise<void>} {
  let pending = 0
  let wake: (() => void) | undefined
  const receive = transport.onmessage
  transport.onmessage = (message, extra) => {
    if (isRequest(message)) pending++
    receive?.(message, extra)
  }
  const send = transport.send.bind(transport)
  transport.send = async (message, options) => {
    try {
      await send(message, options)
    } finally {
      if (isResponse(message)) {
        pending--
        if (pending === 0) wake?.()
      }
    }
  }
  return {
    drained: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => {
      wake = resolve
    })),
  }
}
