#!/usr/bin/env bash
# Installs newsdex the two ways a user does, and uses it as installed:
#   1. cmake --install into a fresh prefix: the files land where they should,
#      `man` renders both pages without a warning (also found from PATH alone),
#      the shell completions work from there (completion_test.sh PREFIX), and
#      the installed binaries index sample_corpus/ and find "Kerry Lavrov Munich".
#   2. (as root) cpack -G DEB, apt-get install ./newsdex_*.deb: the package
#      declares every library the binaries load, both programs run from PATH
#      on sample_corpus/, `man newsdex-search` finds its page; then
#      apt-get remove newsdex takes every file away, and the set of installed
#      packages is what it was before. Not root: skipped, with a message.
# Usage: tests/install/install_test.sh [BUILD_DIR]   (default build/, built)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
tmp=$(mktemp -d)
deb_installed=
cleanup() {
  if [ -n "$deb_installed" ]; then
    echo "install_test: removing the newsdex package after a failure" >&2
    apt-get remove -y -q -o DPkg::Lock::Timeout=300 newsdex >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "install_test: FAIL: $*" >&2
  exit 1
}
for tool in newsdex-index newsdex-search; do
  [ -x "$build/$tool" ] || fail "$build/$tool is not built"
done
version=$("$build/newsdex-search" --version | awk '{print $NF}')

# check_search SEARCH_COMMAND DB: the sample corpus's best article for the
# README query comes first (README.md, docs/newsdex-search.md).
check_search() {
  local out
  out=$("$1" --db "$2" --color never -n 1 Kerry Lavrov Munich) || fail "$1 Kerry Lavrov Munich exited $?"
  grep -q 'bt-2016-0001' <<<"$out" ||
    fail "$1: the first hit of Kerry Lavrov Munich is not bt-2016-0001:"$'\n'"$out"
}

# check_man MANPATH_ARGS...: both pages render without a groff or man warning,
# with their sections and every option of --help.
check_man() {
  local tool text
  for tool in newsdex-index newsdex-search; do
    text=$(MANWIDTH=100 man --warnings=w "$@" "$tool" 2>"$tmp/man.err" | col -b) ||
      fail "man $* $tool failed: $(cat "$tmp/man.err")"
    [ ! -s "$tmp/man.err" ] || fail "man $tool warns: $(cat "$tmp/man.err")"
    for section in NAME SYNOPSIS DESCRIPTION OPTIONS EXAMPLES "SEE ALSO"; do
      grep -q "^$section\$" <<<"$text" || fail "man $tool: no $section section"
    done
    grep -q "^       $tool - " <<<"$text" || fail "man $tool: NAME is not '$tool - ...'"
    for opt in $("$build/$tool" --help | awk '/^Options:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  -/ { print $1 }' | tr ',' ' '); do
      grep -q -e "$opt" <<<"$text" || fail "man $tool: option $opt of --help is missing"
    done
  done
}

# ---- 1. cmake --install into a fresh prefix
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || fail "cmake --install: $(cat "$tmp/install.log")"
for f in bin/newsdex-index bin/newsdex-search \
  share/man/man1/newsdex-index.1 share/man/man1/newsdex-search.1 \
  share/bash-completion/completions/newsdex-index share/bash-completion/completions/newsdex-search \
  share/zsh/site-functions/_newsdex \
  share/fish/vendor_completions.d/newsdex-index.fish share/fish/vendor_completions.d/newsdex-search.fish \
  share/doc/newsdex/README.md share/doc/newsdex/docs/query-syntax.md share/doc/newsdex/docs/newsdex-index.md; do
  [ -f "$prefix/$f" ] || fail "cmake --install did not install $f"
done
check_man -M "$prefix/share/man"
# man-db maps a PATH entry DIR/bin to DIR/share/man: adding the prefix's bin
# to PATH is enough for `man newsdex-search`.
found=$(PATH="$prefix/bin:/usr/bin:/bin" MANPATH= man -w newsdex-search) || fail "man -w newsdex-search with $prefix/bin in PATH found nothing"
[ "$found" = "$prefix/share/man/man1/newsdex-search.1" ] || fail "man -w newsdex-search found $found"
"$root/tests/install/completion_test.sh" "$build" "$prefix"
"$prefix/bin/newsdex-index" --quiet --db "$tmp/db" "$root/sample_corpus" || fail "installed newsdex-index exited $?"
check_search "$prefix/bin/newsdex-search" "$tmp/db"
echo "install_test: cmake --install: ok"

# ---- 2. the Debian package
if [ "$(id -u)" -ne 0 ]; then
  echo "install_test: SKIPPED the .deb test: installing a package needs root (run as root, as CI does)"
  exit 0
fi
# One run at a time on a machine: another would install and remove under us.
exec 9>/run/lock/newsdex-install-test.lock
flock -w 900 9 || fail "another install test holds /run/lock/newsdex-install-test.lock"
status=$(dpkg-query -W -f='${Status}' newsdex 2>/dev/null || true)
case $status in
  "" | *not-installed) ;;
  *) fail "a newsdex package is already installed ($status): remove it (apt-get remove newsdex) to run this test" ;;
esac
for f in /usr/bin/newsdex-index /usr/bin/newsdex-search; do
  [ ! -e "$f" ] || fail "$f exists and belongs to no package: not overwriting it"
done

(cd "$build" && cpack -G DEB >"$tmp/cpack.log" 2>&1) || fail "cpack -G DEB: $(tail -20 "$tmp/cpack.log")"
deb=$build/newsdex_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "cpack did not write $deb"
! grep -qi 'warning' "$tmp/cpack.log" || fail "cpack -G DEB warned: $(cat "$tmp/cpack.log")"
# apt's _apt user must be able to read the file.
mkdir "$tmp/deb" && cp "$deb" "$tmp/deb/" && chmod 755 "$tmp" "$tmp/deb" && chmod 644 "$tmp/deb/"*.deb
packages_before=$(dpkg-query -W -f='${Package}:${Architecture} ${Status}\n' | grep ' installed$' | cut -d' ' -f1 | sort)

export DEBIAN_FRONTEND=noninteractive
deb_installed=1
apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "$tmp/deb/$(basename "$deb")" >"$tmp/apt.log" 2>&1 ||
  fail "apt-get install ./$(basename "$deb"): $(tail -20 "$tmp/apt.log")"
dpkg-query -W -f='${Status}' newsdex | grep -q 'install ok installed' || fail "newsdex is not installed after apt-get install"

# Every shared library the binaries link (their NEEDED entries; the libraries
# those load are their packages' business) comes from a package the .deb
# depends on, so apt installs it on a clean machine; and ldd finds them all.
depends=$(dpkg-query -W -f='${Depends}' newsdex)
echo "install_test: Depends: $depends"
# owner FILE: the package holding FILE (paths are recorded with or without
# /usr on merged-/usr systems).
owner() {
  local f real found
  real=$(readlink -f "$1")
  for f in "$1" "$real" "${real#/usr}" "/usr$1"; do
    found=$(dpkg-query -S "$f" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$found" ] && echo "$found" && return 0
  done
  return 1
}
for tool in newsdex-index newsdex-search; do
  [ "$(command -v "$tool")" = "/usr/bin/$tool" ] || fail "$tool from PATH is $(command -v "$tool"), not /usr/bin/$tool"
  libs=$(ldd "/usr/bin/$tool")
  ! grep -q 'not found' <<<"$libs" || fail "ldd /usr/bin/$tool: $(echo "$libs" | grep 'not found')"
  needed=$(objdump -p "/usr/bin/$tool" | awk '$1 == "NEEDED" { print $2 }')
  [ -n "$needed" ] || fail "objdump -p /usr/bin/$tool lists no NEEDED library"
  for soname in $needed; do
    lib=$(echo "$libs" | awk -v so="$soname" '$1 == so && $2 == "=>" { print $3 }')
    [ -n "$lib" ] || fail "ldd does not resolve $soname, needed by $tool"
    pkg=$(owner "$lib") || fail "$lib, needed by $tool, belongs to no package"
    [[ ", $depends," == *", $pkg "* || ", $depends," == *", $pkg,"* || ", $depends," == *"| $pkg "* ]] ||
      fail "$tool needs $lib of package $pkg, which the .deb does not depend on (Depends: $depends)"
  done
done

# Used from PATH, as installed.
(cd "$tmp" && newsdex-index --quiet --db "$tmp/deb-db" "$root/sample_corpus") || fail "newsdex-index from PATH exited $?"
check_search newsdex-search "$tmp/deb-db"
[ "$(man -w newsdex-search)" = /usr/share/man/man1/newsdex-search.1.gz ] ||
  [ "$(man -w newsdex-search)" = /usr/share/man/man1/newsdex-search.1 ] || fail "man -w newsdex-search: $(man -w newsdex-search 2>&1)"
check_man
files=$(dpkg-query -L newsdex | while read -r f; do [ -f "$f" ] && echo "$f"; done)
for f in /usr/bin/newsdex-index /usr/share/bash-completion/completions/newsdex-search \
  /usr/share/zsh/vendor-completions/_newsdex /usr/share/fish/vendor_completions.d/newsdex-search.fish \
  /usr/share/doc/newsdex/README.md; do
  grep -qx "$f" <<<"$files" || fail "the package does not install $f"
done

apt-get remove -y -q -o DPkg::Lock::Timeout=300 newsdex >"$tmp/apt.log" 2>&1 || fail "apt-get remove newsdex: $(tail -20 "$tmp/apt.log")"
deb_installed=
status=$(dpkg-query -W -f='${Status}' newsdex 2>/dev/null || true)
case $status in
  "" | *not-installed | "deinstall ok config-files") ;;
  *) fail "newsdex is still installed after apt-get remove ($status)" ;;
esac
for f in $files; do
  [ ! -e "$f" ] || fail "$f is still there after apt-get remove newsdex"
done
! command -v newsdex-search >/dev/null || fail "newsdex-search is still in PATH after apt-get remove"
# Dependencies apt had to install for the package (none on a machine that
# builds newsdex) go too: the machine is left as it was.
packages_after=$(dpkg-query -W -f='${Package}:${Architecture} ${Status}\n' | grep ' installed$' | cut -d' ' -f1 | sort)
added=$(comm -13 <(echo "$packages_before") <(echo "$packages_after"))
if [ -n "$added" ]; then
  echo "install_test: purging the dependencies apt installed for the package: $(echo $added)"
  # shellcheck disable=SC2086
  apt-get purge -y -q -o DPkg::Lock::Timeout=300 $added >"$tmp/apt.log" 2>&1 || fail "apt-get purge: $(tail -20 "$tmp/apt.log")"
fi
packages_after=$(dpkg-query -W -f='${Package}:${Architecture} ${Status}\n' | grep ' installed$' | cut -d' ' -f1 | sort)
[ "$packages_before" = "$packages_after" ] ||
  fail "installed packages changed: $(diff <(echo "$packages_before") <(echo "$packages_after") | grep '^[<>]' | tr '\n' ' ')"
echo "install_test: .deb (newsdex $version): ok"
