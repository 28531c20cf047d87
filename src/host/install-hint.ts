/** What to do after an install, update or link: the commands the plugin added, or that it adds none. */

const SHOWN = 4

export function nextStepHint(bin: string, name: string, surface: {commands: string[]; capabilities: string[]}): string {
  if (surface.commands.length > 0) {
    const shown = surface.commands.slice(0, SHOWN).map((c) => `${bin} ${c}`)
    const more = surface.commands.length > SHOWN ? ` and ${surface.commands.length - SHOWN} more` : ''
    return `→ ${name} adds ${shown.join(', ')}${more}. Run \`${bin} ${surface.commands[0]} --help\` to learn how to use it.`
  }
  if (surface.capabilities.length > 0) {
    return `→ ${name} adds no commands: it provides capabilities (${surface.capabilities.join(', ')}) that aigogo's commands use.`
  }
  return `→ ${name} adds no commands; its skills, commands and agents (if any) are in your AI tools.`
}
