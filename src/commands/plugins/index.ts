import PluginsList from './list.js'

/** Bare `aigogo plugins` lists, as in oclif's plugin-plugins: the same command as `plugins list`. */
export default class Plugins extends PluginsList {
  static override summary = 'List plugins (the same as `plugins list`); see the plugins commands below.'
  static override examples = ['<%= config.bin %> plugins', '<%= config.bin %> plugins --json']
}
