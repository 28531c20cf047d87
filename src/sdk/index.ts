export * from './command.js'
export * from './core.js'
