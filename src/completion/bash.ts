import {type CompletionEntry, tableLines} from './spec.js'

/**
 * Bash: the next command word, the flags of the command typed so far, the values of the flag just
 * typed (its options, or local build refs from `aigogo list --quiet`), local build refs for a
 * command whose argument is one; files otherwise. Words are taken from COMP_LINE, not COMP_WORDS,
 * which bash splits at ":" (a ref like my-utils:0.1.1 would be three words there).
 */
export function bashScript(spec: readonly CompletionEntry[], bins: readonly string[]): string {
  return `# aigogo completion for bash. Load with: source <(aigogo completion bash)
_aigogo_table='${tableLines(spec)}'

_aigogo() {
  local line="\${COMP_LINE:0:COMP_POINT}" cur="" prev="" path="" word id flags values args
  local best="" best_flags="" best_values="" best_args="" next rest candidates="" value i
  local -a parts
  read -ra parts <<< "$line"
  if [[ $line != *[[:space:]] && \${#parts[@]} -gt 0 ]]; then
    cur="\${parts[-1]}"
    unset 'parts[-1]'
  fi
  (( \${#parts[@]} > 1 )) && prev="\${parts[-1]}"
  for word in "\${parts[@]:1}"; do
    [[ $word == -* ]] && continue
    path="\${path:+$path }$word"
  done
  while IFS='|' read -r id flags values args; do
    [[ -z $id ]] && continue
    if [[ "$path" == "$id" || "$path" == "$id "* ]] && (( \${#id} > \${#best} )); then
      best=$id best_flags=$flags best_values=$values best_args=$args
    fi
  done <<< "$_aigogo_table"
  if [[ $prev == --* ]]; then
    for value in $best_values; do
      [[ $value == "$prev="* ]] || continue
      value=\${value#"$prev="}
      if [[ $value == @builds ]]; then candidates=$("\${parts[0]}" list --quiet 2>/dev/null); else candidates=\${value//,/ }; fi
      COMPREPLY=( $(compgen -W "$candidates" -- "$cur") )
      _aigogo_colons
      return 0
    done
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W "$best_flags" -- "$cur") )
    return 0
  fi
  while IFS='|' read -r id flags values args; do
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
  if [[ -n $best && $path == "$best" && $best_args == @builds ]]; then
    candidates="$candidates $("\${parts[0]}" list --quiet 2>/dev/null)"
  fi
  COMPREPLY=( $(compgen -W "$candidates" -- "$cur") )
  _aigogo_colons
  return 0
}

# Bash replaces only the part of the word after its last ":" (a COMP_WORDBREAKS character).
_aigogo_colons() {
  local line="\${COMP_LINE:0:COMP_POINT}" cur i
  [[ $line == *[[:space:]] ]] && return
  cur="\${line##*[[:space:]]}"
  [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]] || return
  local strip="\${cur%"\${cur##*:}"}"
  for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]="\${COMPREPLY[i]#"$strip"}"; done
}

complete -o default -F _aigogo ${bins.join(' ')}
`
}
