import {type CompletionEntry, tableLines} from './spec.js'

/**
 * Fish: one function computes candidates (with summaries) from the same table: command words,
 * flags, the values of the flag just typed, local build refs (`aigogo list --quiet`) where an
 * argument is one.
 */
export function fishScript(spec: readonly CompletionEntry[], bins: readonly string[]): string {
  const summaries = spec.map((e) => `${e.id}\t${e.summary.replaceAll("'", '')}`).join('\n')
  const completes = bins.map((b) => `complete -c ${b} -f -a '(__aigogo_complete)'`).join('\n')
  return `# aigogo completion for fish. Save to ~/.config/fish/completions/aigogo.fish
set -g __aigogo_table '${tableLines(spec)}'
set -g __aigogo_summaries '${summaries}'

function __aigogo_complete
    set -l tokens (commandline -opc)
    set -l bin $tokens[1]
    set -e tokens[1]
    set -l words
    for t in $tokens
        string match -q -- '-*' $t; or set -a words $t
    end
    set -l path (string join ' ' $words)
    set -l current (commandline -ct)
    set -l prev ''
    test (count $tokens) -gt 0; and set prev $tokens[-1]
    set -l best ''
    set -l best_flags ''
    set -l best_values ''
    set -l best_args ''
    for line in (string split \\n -- $__aigogo_table)
        set -l parts (string split '|' -- $line)
        if test "$path" = "$parts[1]"; or string match -q -- "$parts[1] *" "$path"
            if test (string length -- $parts[1]) -gt (string length -- "$best")
                set best $parts[1]
                set best_flags $parts[2]
                set best_values $parts[3]
                set best_args $parts[4]
            end
        end
    end
    if string match -q -- '--*' $prev
        for value in (string split ' ' -- $best_values)
            string match -q -- "$prev=*" $value; or continue
            set value (string replace -- "$prev=" '' $value)
            if test "$value" = '@builds'
                $bin list --quiet 2>/dev/null
            else
                string split ',' -- $value
            end
            return
        end
    end
    if string match -q -- '-*' $current
        string split ' ' -- $best_flags
        return
    end
    if test -n "$best"; and test "$path" = "$best"; and test "$best_args" = '@builds'
        $bin list --quiet 2>/dev/null
    end
    set -l found 0
    for line in (string split \\n -- $__aigogo_summaries)
        set -l parts (string split \\t -- $line)
        set -l id $parts[1]
        set -l next
        if test -z "$path"
            set next (string split ' ' -- $id)[1]
        else if string match -q -- "$path *" $id
            set next (string split ' ' -- (string sub -s (math (string length -- "$path") + 2) -- $id))[1]
        else
            continue
        end
        set found 1
        if test "$path $next" = "$id"; or test "$next" = "$id"
            printf '%s\\t%s\\n' $next $parts[2]
        else
            echo $next
        end
    end | sort -u
    test $found -eq 1; or __fish_complete_path $current
end

${completes}
`
}
