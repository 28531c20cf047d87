/**
 * The MCP SDK and zod, as this plugin uses them. The build replaces the compiled file with one
 * self-contained bundle of exactly these exports (scripts/bundle.mjs): the full SDK with its HTTP
 * transports is 26 MB and 94 packages installed, the part a stdio server needs is one file.
 */
export {McpServer, ResourceTemplate} from '@modelcontextprotocol/sdk/server/mcp.js'
export {StdioServerTransport} from '@modelcontextprotocol/sdk/server/stdio.js'
export {z} from 'zod'
