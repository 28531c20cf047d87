/**
 * Link-header pagination (RFC 5988) for tag lists and the catalog:
 * Link: </v2/_catalog?last=b&n=100>; rel="next"
 */
import {Header} from './constants.js'
import {headerList, type HttpResponse} from './transport/types.js'

export function nextLink(response: HttpResponse): URL | undefined {
  for (const value of headerList(response, Header.link)) {
    for (const part of value.split(',')) {
      const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
      if (match) return new URL(match[1]!, response.url)
    }
  }
  return undefined
}
