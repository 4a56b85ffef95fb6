# bash completion for newsdex-index and newsdex-search            -*- shell-script -*-
#
# Installed as share/bash-completion/completions/newsdex-index and
# .../newsdex-search (bash-completion loads a file by the command's name), or
# sourced directly. Works with or without the bash-completion package (its
# _filedir is used for paths when present). Keep the lists below in step with
# the programs' --help: tests/install/completion_test.sh checks every option.

# What each command takes. Option names are those of --help; values of the
# options that take a fixed set are in _newsdex_values.
_newsdex_index_opts="-h --help --db -q --quiet -v --verbose --lang --format --field --no-entities
  --no-compact --dry-run --json --threads --shards --route --memory --max-article-size --commit-every --version"
_newsdex_index_subcommands="stats delete compact check"
_newsdex_index_stats_opts="-h --help --db --json --top"
_newsdex_index_delete_opts="-h --help --db"
_newsdex_index_compact_opts="-h --help --db"
_newsdex_index_check_opts="-h --help --db --json"
_newsdex_search_opts="-h --help --db -n --limit --offset --snippet-chars --json --format --fields --color --since --until
  --sort --timeline --timeline-top --facets --facet-limit --all --count-by --threads
  --speaker --country --person --org --source --show --no-pager --quotes --allow-partial --version"
# Options whose value is the next word (so it is not a query word or a PATH).
_newsdex_index_takes_value="--db --lang --format --field --threads --shards --route --memory --max-article-size --commit-every --top"
_newsdex_search_takes_value="--db -n --limit --offset --snippet-chars --format --fields --color --since --until --sort
  --facets --facet-limit --count-by --threads --speaker --country --person --org --source"
# Query fields of newsdex-search (schema::kQueryFields, docs/query-syntax.md).
_newsdex_fields="title: author: source: lang: date: speaker: person: org: country:"
_newsdex_facets="speaker country person org source"
# Languages the indexer stems (canonical_language in common/analysis/).
_newsdex_langs="ar ca da de en es eu fi fr ga hu hy id it lt ne nl no pt ro ru sv ta tr"

# _newsdex_in WORD LIST: whether WORD is one of the white-space separated LIST.
_newsdex_in() {
  local list=" ${2//[[:space:]]/ } "
  [[ $list == *" $1 "* ]]
}

# _newsdex_values OPTION: the fixed values OPTION takes, if any.
_newsdex_values() {
  case $1 in
    --color) echo "auto always never" ;;
    --sort) echo "relevance newest oldest" ;;
    --timeline) echo "day week month year" ;;
    --count-by) echo "article story" ;;
    --lang) echo "$_newsdex_langs" ;;
    --format) echo "jsonl text html warc csv tsv nitf newsml rss atom xml" ;;
  esac
}

# _newsdex_reply CUR WORD...: COMPREPLY = the WORDs starting with CUR, minus
# what readline does not replace. bash splits words at COMP_WORDBREAKS (":"
# and "=" among them), so in "speaker:ke" or "--timeline=mo" only the text
# after the last ':' or '=' is replaced: strip that prefix from the matches.
_newsdex_reply() {
  local cur=$1 word prefix=
  shift
  COMPREPLY=()
  for word in "$@"; do
    [[ $word == "$cur"* ]] && COMPREPLY+=("$word")
  done
  local breaks=${COMP_WORDBREAKS-$' \t\n"\'><=;|&(:'}
  local rest=${cur##*[$breaks]}
  [[ $rest != "$cur" ]] && prefix=${cur%"$rest"}
  if [[ -n $prefix ]]; then
    local i
    for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=${COMPREPLY[i]#"$prefix"}; done
  fi
}

# _newsdex_files CUR [-d]: file (or, with -d, directory) names.
_newsdex_files() {
  if declare -F _filedir >/dev/null; then
    local cur=$1
    _filedir ${2:+-d}
  else
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    if [[ $2 == -d ]]; then
      COMPREPLY=($(compgen -d -- "$1"))
    else
      COMPREPLY=($(compgen -f -- "$1"))
    fi
  fi
}

# _newsdex_words: sets cur (the word at the cursor, whole: "speaker:ke", not
# bash's "ke") and words (the words before it), from COMP_LINE up to the cursor.
_newsdex_words() {
  local line=${COMP_LINE:0:COMP_POINT}
  cur=${line##*[[:space:]]}
  line=${line%"$cur"}
  read -r -a words <<<"$line"
}

# _newsdex_option_value CUR PREV TAKES_VALUE: completes the value of an
# option (--opt VALUE or --opt=VALUE); returns 1 when CUR is not one.
_newsdex_option_value() {
  local cur=$1 prev=$2 takes=$3 opt values
  if [[ $cur == --*=* ]]; then
    opt=${cur%%=*}
    values=$(_newsdex_values "$opt")
    if [[ $opt == --db ]]; then
      _newsdex_files "${cur#*=}" -d
    elif [[ -n $values ]]; then
      local v candidates=()
      for v in $values; do candidates+=("$opt=$v"); done
      _newsdex_reply "$cur" "${candidates[@]}"
    else
      COMPREPLY=()
    fi
    return 0
  fi
  _newsdex_in "$prev" "$takes" || return 1
  case $prev in
    --db) _newsdex_files "$cur" -d ;;
    --facets)
      # A comma-separated list: complete its last item, without repeats.
      local done_items=${cur%"${cur##*,}"} f candidates=()
      for f in $_newsdex_facets; do
        [[ ",$done_items" == *",$f,"* ]] || candidates+=("$done_items$f")
      done
      _newsdex_reply "$cur" "${candidates[@]}" ;;
    *)
      values=$(_newsdex_values "$prev")
      # shellcheck disable=SC2086
      _newsdex_reply "$cur" $values ;;
  esac
  return 0
}

_newsdex_index() {
  local cur words
  _newsdex_words
  local prev=${words[-1]} sub= w i after_dashdash=
  for ((i = 1; i < ${#words[@]}; i++)); do
    w=${words[i]}
    if [[ $w == -- ]]; then after_dashdash=1; break; fi
    # A subcommand is only a subcommand before any PATH (CLI11 reads
    # "newsdex-index a.jsonl stats" as two paths).
    if _newsdex_in "$w" "$_newsdex_index_subcommands"; then sub=$w; break; fi
    if [[ $w != -* ]]; then
      _newsdex_in "${words[i - 1]}" "$_newsdex_index_takes_value" || break
    fi
  done
  if [[ -z $after_dashdash ]]; then
    _newsdex_option_value "$cur" "$prev" "$_newsdex_index_takes_value" && return 0
    if [[ $cur == -* ]]; then
      local opts=$_newsdex_index_opts
      [[ -n $sub ]] && eval "opts=\$_newsdex_index_${sub}_opts"
      # shellcheck disable=SC2086
      _newsdex_reply "$cur" $opts
      return 0
    fi
  fi
  case $sub in
    stats | compact | check) COMPREPLY=() ;;
    delete) COMPREPLY=() ;; # article ids: not listed
    *)
      _newsdex_files "$cur"
      # Before any PATH, the subcommands too.
      if [[ -z $after_dashdash && -z $sub ]]; then
        local has_path= j
        for ((j = 1; j < ${#words[@]}; j++)); do
          [[ ${words[j]} != -* ]] && ! _newsdex_in "${words[j - 1]}" "$_newsdex_index_takes_value" && has_path=1
        done
        if [[ -z $has_path ]]; then
          local s
          for s in $_newsdex_index_subcommands; do
            [[ $s == "$cur"* ]] && COMPREPLY+=("$s")
          done
        fi
      fi ;;
  esac
  return 0
}

_newsdex_search() {
  local cur words
  _newsdex_words
  local prev=${words[-1]} w after_dashdash=
  for w in "${words[@]:1}"; do [[ $w == -- ]] && after_dashdash=1; done
  if [[ -z $after_dashdash ]]; then
    [[ $prev == --format ]] && { _newsdex_reply "$cur" text jsonl csv tsv; return 0; }  # not the indexer's
    _newsdex_option_value "$cur" "$prev" "$_newsdex_search_takes_value" && return 0
    if [[ $cur == -* ]]; then
      # shellcheck disable=SC2086
      _newsdex_reply "$cur" $_newsdex_search_opts --timeline=
      # --timeline= takes its value glued on: no space after it.
      [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
      return 0
    fi
  fi
  # A query word: the field prefixes, then a field's values where they are
  # a fixed set (lang:).
  if [[ $cur == lang:* ]]; then
    local l candidates=()
    for l in $_newsdex_langs; do candidates+=("lang:$l"); done
    _newsdex_reply "$cur" "${candidates[@]}"
  elif [[ $cur != *:* ]]; then
    # shellcheck disable=SC2086
    _newsdex_reply "$cur" $_newsdex_fields
    compopt -o nospace 2>/dev/null
  else
    COMPREPLY=()
  fi
  return 0
}

complete -F _newsdex_index newsdex-index
complete -F _newsdex_search newsdex-search
