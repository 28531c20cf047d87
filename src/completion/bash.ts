import {type CompletionEntry, tableLines} from './spec.js'

/** Bash: complete the next command word, or the flags of the command typed so far; files otherwise. */
export function bashScript(spec: readonly CompletionEntry[], bins: readonly string[]): string {
  return `# aigogo completion for bash. Load with: source <(aigogo completion bash)
_aigogo_table='${tableLines(spec)}'

_aigogo() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word id flags best="" best_flags="" next rest candidates="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ $word == -* ]] && continue
    path="\${path:+$path }$word"
  done
  if [[ $cur == -* ]]; then
    while IFS='|' read -r id flags; do
      [[ -z $id ]] && continue
      if [[ "$path" == "$id" || "$path" == "$id "* ]] && (( \${#id} > \${#best} )); then
        best=$id
        best_flags=$flags
      fi
    done <<< "$_aigogo_table"
    COMPREPLY=( $(compgen -W "$best_flags" -- "$cur") )
    return 0
  fi
  while IFS='|' read -r id flags; do
    [[ -z $id ]] && continue
    if [[ -z $path ]]; then
      next=\${id%% *}
    elif [[ "$id" == "$path "* ]]; then
      rest=\${id#"$path "}
      next=\${rest%% *}
    else
      continue
    fi
    [[ " $candidates " == *" $next "* ]] || candidates="$candidates $next"
  done <<< "$_aigogo_table"
  COMPREPLY=( $(compgen -W "$candidates" -- "$cur") )
  return 0
}

complete -o default -F _aigogo ${bins.join(' ')}
`
}
