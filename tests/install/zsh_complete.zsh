#!/usr/bin/env zsh
# zsh_complete.zsh FPATH_DIR LINE: prints the matches zsh's completion system
# offers at the end of LINE (as if TAB were pressed there), one per line,
# with FPATH_DIR first in $fpath. For tests/install/completion_test.sh.
#
# An interactive zsh runs in a pseudo-terminal (zsh/zpty) with compinit;
# compadd is wrapped to print each match it adds, between two NUL lines
# printed by compprefuncs/comppostfuncs (the technique of Valodim's
# zsh-capture-completion). Exit 2 when zsh does not start.
zmodload zsh/zpty || exit 2
setopt rcquotes
local init=$(mktemp)
cat >$init <<INIT
PROMPT=
fpath=($1 \$fpath)
autoload -U compinit
compinit -u -d $HOME/.zcompdump-newsdex-test
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
_capture_mark () { echo -E - \$'\0' }
compprefuncs=( _capture_mark )
comppostfuncs=( _capture_mark exit )
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd () {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "\$@"; return \$?
  fi
  typeset -a __hits
  builtin compadd -A __hits "\$@"
  (( \$#__hits )) || return 1
  local -A opts; zparseopts -E -A opts P: S: p: s:
  local h
  for h in \$__hits; do echo -E - "\$IPREFIX\${opts[-P]}\${opts[-p]}\$h\${opts[-s]}\${opts[-S]}"; done
}
echo ok
INIT
zpty z zsh -f -i
zpty -w z "source $init"
local line
integer ready=0
repeat 8; do
  zpty -r z line
  [[ $line == ok* ]] && { ready=1; break }
done
rm -f $init
(( ready )) || { print -u2 "zsh_complete.zsh: zsh did not start"; exit 2 }
zpty -w z "$2"$'\t'
integer marks=0
while zpty -r z line; do
  line=${line%$'\n'}
  if [[ $line == *$'\0\r' ]]; then
    (( marks++ )) && break || continue
  fi
  (( marks )) && print -r -- "${line%$'\r'}"
done
zpty -d z
