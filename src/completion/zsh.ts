import {type CompletionEntry, tableLines} from './spec.js'

/** Zsh: the same walk as bash over the same table, with compadd; files when nothing matches. */
export function zshScript(spec: readonly CompletionEntry[], bins: readonly string[]): string {
  return `#compdef ${bins.join(' ')}
# aigogo completion for zsh. Save as _aigogo in a directory on $fpath, or: source <(aigogo completion zsh)
_aigogo_table='${tableLines(spec)}'

_aigogo() {
  local -a lines candidates
  local cmdpath="" word line id flags best="" best_flags="" rest
  lines=("\${(@f)_aigogo_table}")
  for word in "\${(@)words[2,CURRENT-1]}"; do
    [[ $word == -* ]] && continue
    cmdpath="\${cmdpath:+$cmdpath }$word"
  done
  if [[ $PREFIX == -* ]]; then
    for line in "\${lines[@]}"; do
      id=\${line%%|*}
      flags=\${line#*|}
      if [[ $cmdpath == "$id" || $cmdpath == "$id "* ]] && (( \${#id} > \${#best} )); then
        best=$id
        best_flags=$flags
      fi
    done
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
  if (( \${#candidates} )); then
    compadd -- "\${(@u)candidates}"
  else
    _files
  fi
}

if (( $+functions[compdef] )); then
  compdef _aigogo ${bins.join(' ')}
fi
`
}
