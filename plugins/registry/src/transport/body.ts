/**
 * Reading small response bodies (manifests, tag lists, catalogs, tokens) with a hard size cap.
 */
import {dataError} from '@aigogo/sdk/core'

import {Header, MAX_METADATA_BYTES} from '../constants.js'
import {idleTimeoutFromEnv, watchBody} from './stall.js'
import {header, type HttpResponse} from './types.js'

export async function readLimited(response: HttpResponse, what: string, limit = MAX_METADATA_BYTES): Promise<Buffer> {
  const declared = Number(header(response, Header.contentLength))
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.dump()
    throw tooLarge(what, limit, response)
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of watchBody(response.body, idleTimeoutFromEnv())) {
    total += (chunk as Buffer).length
    if (total > limit) {
      response.body.destroy()
      throw tooLarge(what, limit, response)
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function tooLarge(what: string, limit: number, response: HttpResponse) {
  return dataError('REGISTRY_RESPONSE_TOO_LARGE', `the ${what} from ${response.url.host} is larger than ${limit / (1024 * 1024)} MiB`, [
    'check the reference; aigogo packages have small manifests',
  ])
}

export async function readLimitedJson(response: HttpResponse, what: string): Promise<unknown> {
  const bytes = await readLimited(response, what)
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    throw dataError('REGISTRY_RESPONSE_INVALID', `the ${what} from ${response.url.host} is not valid JSON`)
  }
}
