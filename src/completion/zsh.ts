import {type CompletionEntry, tableLines} from './spec.js'

/**
 * Zsh: the same walk as bash over the same table, with compadd: command words, flags, the values
 * of the flag just typed (its options, or local build refs from `aigogo list --quiet`), build
 * refs where a command's argument is one; files when nothing matches.
 */
export function zshScript(spec: readonly CompletionEntry[], bins: readonly string[]): string {
  return `#compdef ${bins.join(' ')}
# aigogo completion for zsh. Save as _aigogo in a directory on $fpath, or: source <(aigogo completion zsh)
_aigogo_table='${tableLines(spec)}'

_aigogo() {
  local -a lines candidates fields
  local cmdpath="" word line id rest prev="" value best="" best_flags="" best_values="" best_args=""
  lines=("\${(@f)_aigogo_table}")
  (( CURRENT > 2 )) && prev=\${words[CURRENT-1]}
  for word in "\${(@)words[2,CURRENT-1]}"; do
    [[ $word == -* ]] && continue
    cmdpath="\${cmdpath:+$cmdpath }$word"
  done
  for line in "\${lines[@]}"; do
    fields=("\${(@s:|:)line}")
    id=\${fields[1]}
    if [[ $cmdpath == "$id" || $cmdpath == "$id "* ]] && (( \${#id} > \${#best} )); then
      best=$id best_flags=\${fields[2]} best_values=\${fields[3]} best_args=\${fields[4]}
    fi
  done
  if [[ $prev == --* ]]; then
    for value in \${=best_values}; do
      [[ $value == "$prev="* ]] || continue
      value=\${value#"$prev="}
      if [[ $value == @builds ]]; then
        compadd -- \${(f)"$(\${words[1]} list --quiet 2>/dev/null)"}
      else
        compadd -- \${(s:,:)value}
      fi
      return
    done
  fi
  if [[ $PREFIX == -* ]]; then
    compadd -- \${=best_flags}
    return
  fi
  for line in "\${lines[@]}"; do
    id=\${line%%|*}
    if [[ -z $cmdpath ]]; then
      candidates+=("\${id%% *}")
    elif [[ $id == "$cmdpath "* ]]; then
      rest=\${id#"$cmdpath "}
      candidates+=("\${rest%% *}")
    fi
  done
  if [[ -n $best && $cmdpath == "$best" && $best_args == @builds ]]; then
    candidates+=(\${(f)"$(\${words[1]} list --quiet 2>/dev/null)"})
  fi
  if (( \${#candidates} )); then
    compadd -- "\${(@u)candidates}"
  else
    _files
  fi
}

# Autoloaded from $fpath by compinit, this file's body runs on the first TAB: it has just defined
# _aigogo, which must complete that TAB too. Sourced, it registers the function.
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _aigogo "$@"
elif (( $+functions[compdef] )); then
  compdef _aigogo ${bins.join(' ')}
fi
`
}
