#!/usr/bin/env bash
# Tests the shell completions of newsdex-index and newsdex-search in bash, zsh
# and fish: what a TAB offers in a few typical places, and that the offered
# options, subcommands, option values, facets, query fields and languages are
# exactly those of the programs and sources they complete (so a new option
# without its completion fails here).
#
# Usage: tests/install/completion_test.sh BUILD_DIR [PREFIX]
#   BUILD_DIR  holds the built newsdex-index and newsdex-search: their --help
#              is the reference for options and values.
#   PREFIX     tests the completions installed under PREFIX by cmake --install,
#              found the way each shell finds them (PREFIX/bin in PATH;
#              bash-completion's loader and fish through XDG_DATA_DIRS, zsh
#              through $fpath); without it,
#              the files of scripts/completions/ are loaded directly.
# Needs bash-completion, zsh and fish (scripts/setup.sh installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: completion_test.sh BUILD_DIR [PREFIX]}" && pwd)
prefix=${2:+$(cd "$2" && pwd)}
failures=0
fail() {
  echo "completion_test: FAIL: $*" >&2
  failures=$((failures + 1))
}
for tool in zsh fish; do
  command -v "$tool" >/dev/null || { echo "completion_test: $tool is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
done
[ -f /usr/share/bash-completion/bash_completion ] ||
  { echo "completion_test: bash-completion is not installed (scripts/setup.sh installs it)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The directory completions run in: known file names for PATH completion.
mkdir -p "$tmp/cwd/subdir" "$tmp/home"
touch "$tmp/cwd/articles.jsonl" "$tmp/cwd/stuff.txt"
export HOME=$tmp/home # no user's shell configuration or completion dump

if [ -n "$prefix" ]; then
  bash_file=$prefix/share/bash-completion/completions/newsdex-search
  zsh_dir=$(dirname "$(find "$prefix/share/zsh" -name _newsdex | head -1)")
  export XDG_DATA_DIRS=$prefix/share:/usr/local/share:/usr/share
  # As README's Install says: the prefix's bin in PATH (fish loads the
  # completion of a command only when it finds the command).
  export PATH=$prefix/bin:$PATH
else
  bash_file=$root/scripts/completions/newsdex.bash
  zsh_dir=$root/scripts/completions
fi

# ---- the completers: LINE -> the matches, sorted, one per line

# bash: with bash-completion loaded (as on a desktop), and with the
# completion sourced alone (as the file header promises).
bash_complete() { # MODE LINE; MODE: loader | plain
  (cd "$tmp/cwd" && bash --norc --noprofile -c '
    mode=$1 line=$2 file=$3
    if [ "$mode" = loader ]; then
      source /usr/share/bash-completion/bash_completion
      # What bash does on the first TAB after a command without a completion.
      if [ -n "$NEWSDEX_PREFIX" ]; then _completion_loader "${line%% *}"; else source "$file"; fi
    else
      source "$file"
    fi
    COMP_LINE=$line COMP_POINT=${#line}
    read -ra COMP_WORDS <<<"$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    spec=$(complete -p "${COMP_WORDS[0]}") || exit 3
    fn=${spec#*-F }
    fn=${fn%% *}
    COMPREPLY=()
    "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"
  ' bash "$1" "$2" "$bash_file" | sed '/^$/d' | LC_ALL=C sort -u)
}

fish_complete() { # LINE
  # Installed: fish's own configuration (share/fish/config.fish) reads the
  # vendor_completions.d of XDG_DATA_DIRS; HOME is empty, so no user's.
  if [ -n "$prefix" ]; then
    (cd "$tmp/cwd" && fish -c "complete -C '$1'" | cut -f1 | LC_ALL=C sort -u)
  else
    (cd "$tmp/cwd" && fish --no-config -c "source '$root/scripts/completions/newsdex-index.fish'
      source '$root/scripts/completions/newsdex-search.fish'; complete -C '$1'" | cut -f1 | LC_ALL=C sort -u)
  fi
}

zsh_complete() { # LINE
  (cd "$tmp/cwd" && timeout 60 zsh -f "$root/tests/install/zsh_complete.zsh" "$zsh_dir" "$1" | LC_ALL=C sort -u)
}

# expect SHELLS LINE EXPECTED...: each of SHELLS (bash, bash-plain, zsh,
# fish) offers exactly EXPECTED at the end of LINE.
expect() {
  local shells=$1 line=$2 shell got want
  shift 2
  want=$(printf '%s\n' "$@" | sed '/^$/d' | LC_ALL=C sort -u)
  for shell in $shells; do
    case $shell in
      bash) got=$(NEWSDEX_PREFIX=$prefix bash_complete loader "$line") ;;
      bash-plain) got=$(bash_complete plain "$line") ;;
      zsh) got=$(zsh_complete "$line") ;;
      fish) got=$(fish_complete "$line") ;;
    esac
    if [ "$got" != "$want" ]; then
      fail "$shell: '$line<TAB>' offers [$(echo $got)], expected [$(echo $want)]"
    fi
  done
}

# ---- the reference lists, from the programs and the sources

# Options of a --help text (the Options: list), one per line: "-n,--limit N" -> -n --limit.
help_options() {
  "$@" --help | awk '/^Options:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  -/ { print $1 }' |
    tr ',' '\n' | LC_ALL=C sort -u
}
index=$build/newsdex-index
search=$build/newsdex-search
search_help=$("$search" --help)
index_help=$("$index" --help)
subcommands=$(echo "$index_help" | awk '/^Subcommands:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  [a-z]/ { print $1 }')
[ -n "$subcommands" ] || fail "newsdex-index --help lists no subcommands"
# The fixed values of an option, from its --help line: "--sort TEXT:{a,b}" -> a b.
help_values() {
  echo "$search_help" | grep -E "^  $1 " | sed -nE 's/.*\{([a-z,]+)\}.*/\1/p' | tr ',' ' '
}
timeline_values=$(echo "$search_help" | sed -nE 's/.*--timeline=([a-z|]+).*/\1/p' | tr '|' ' ')
facets=$(echo "$search_help" | sed -nE 's/.*comma-separated: ([a-z, ]+) \(.*/\1/p' | tr -d ',')
fields=$(sed -n '/kQueryFields = {/,/^};/p' "$root/common/schema.h" | sed -nE 's/.*QueryField\{"([a-z]+)".*/\1:/p')
# One per line: the languages table is several pairs per source line.
langs=$(grep -oE '\{"[a-z]+", "[a-z]{2}"\}' "$root/common/analysis/analyzer.cpp" | sed -E 's/.*"([a-z]{2})"\}/\1/' | LC_ALL=C sort -u)
for list in timeline_values facets fields langs; do
  [ -n "${!list}" ] || fail "could not read the reference list $list (did --help or the source change form?)"
done

# ---- every option, subcommand and value, in every shell

all_shells="bash bash-plain zsh fish"
# bash also offers "--timeline=" (its value is glued on: no space after it).
# shellcheck disable=SC2046
expect "bash bash-plain" "newsdex-search -" $(help_options "$search") --timeline=
# shellcheck disable=SC2046
expect "zsh fish" "newsdex-search -" $(help_options "$search")
# shellcheck disable=SC2046
expect "$all_shells" "newsdex-index -" $(help_options "$index")
for sub in $subcommands; do
  # shellcheck disable=SC2046
  expect "bash bash-plain zsh" "newsdex-index $sub -" $(help_options "$index" "$sub")
  # fish offers the long options of a subcommand (its -h is the command's).
  # shellcheck disable=SC2046
  expect fish "newsdex-index $sub --" $(help_options "$index" "$sub" | grep -- '^--')
done
# Directories: bash and zsh append the '/' on insertion, fish lists it.
# shellcheck disable=SC2046
expect "bash bash-plain zsh" "newsdex-index " $subcommands articles.jsonl stuff.txt subdir
# shellcheck disable=SC2046
expect fish "newsdex-index " $subcommands articles.jsonl stuff.txt subdir/
for opt in --sort --color --count-by; do
  # shellcheck disable=SC2046
  expect "$all_shells" "newsdex-search $opt " $(help_values "$opt")
  [ -n "$(help_values "$opt")" ] || fail "no values for $opt in newsdex-search --help"
done
# Values glued with '=': bash replaces only what follows '=' (a word break).
# shellcheck disable=SC2086
expect "bash bash-plain" "newsdex-search --timeline=" $timeline_values
# shellcheck disable=SC2046
expect "zsh fish" "newsdex-search --timeline=" $(printf -- '--timeline=%s\n' $timeline_values)
# shellcheck disable=SC2086
expect "$all_shells" "newsdex-search --facets " $facets
# shellcheck disable=SC2086
expect "$all_shells" "newsdex-index --lang " $langs
# Query words: every field of the query language (common/schema.h).
# shellcheck disable=SC2086
expect "bash bash-plain zsh fish" "newsdex-search Kerry " $fields

# ---- typical places

expect "$all_shells" "newsdex-search --so" --sort --source
expect "$all_shells" "newsdex-search --sort n" newest
expect "$all_shells" "newsdex-search Kerry spe" speaker:
expect "$all_shells" "newsdex-search Kerry co" country:
expect "bash bash-plain" "newsdex-search --color=al" always
expect "bash bash-plain" "newsdex-search lang:d" da de
expect "zsh fish" "newsdex-search lang:d" lang:da lang:de
expect "bash bash-plain" "newsdex-search --timeline=mo" month
# A comma-separated facet list: its last item, without repeating the others.
expect "$all_shells" "newsdex-search --facets speaker,c" speaker,country
expect "bash bash-plain zsh" "newsdex-search --facets speaker,country," \
  speaker,country,person speaker,country,org speaker,country,source
# --db is a directory; PATHs are files and directories; a word after a PATH
# is a PATH, not a subcommand (CLI11 reads it so).
# (Not zsh: its capture also sees the files _path_files tries and drops.)
expect "bash bash-plain" "newsdex-search --db s" subdir
expect "bash bash-plain" "newsdex-index --db s" subdir
expect fish "newsdex-search --db s" subdir/
expect fish "newsdex-index --db s" subdir/
expect "$all_shells" "newsdex-index st" stats stuff.txt
expect "$all_shells" "newsdex-index articles.jsonl st" stuff.txt
expect "$all_shells" "newsdex-index --db subdir st" stats stuff.txt
expect "$all_shells" "newsdex-index stats --t" --top
expect "$all_shells" "newsdex-index --lang d" da de

if [ "$failures" -ne 0 ]; then
  echo "completion_test: $failures failure(s)" >&2
  exit 1
fi
echo "completion_test: ok (bash with and without bash-completion, zsh, fish${prefix:+; installed under $prefix})"
