#!/usr/bin/env bash
# Load the generated bash completion in bash (without bash-completion's
# _init_completion) and check COMPREPLY. secspec is on PATH; the database is
# $SECSPEC_DB. Usage: completion-check.sh
set -u
export LANGUAGE=en # English messages: the checks below read them
fail=0
eval "$(secspec completion bash)" || { echo "FAIL: the bash script does not load"; exit 1; }
unset -f _init_completion 2>/dev/null

# complete LINE: COMPREPLY for the words of LINE (a trailing space: an empty word)
complete_line() {
	read -r -a COMP_WORDS <<<"$1"
	[[ $1 == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$1
	COMP_POINT=${#1}
	COMPREPLY=()
	_secspec secspec "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
}
expect() { # LINE WORD: WORD is among the candidates
	complete_line "$1"
	if ! printf '%s\n' "${COMPREPLY[@]+"${COMPREPLY[@]}"}" | grep -qxF -- "$2"; then
		echo "FAIL: '$1<TAB>' lacks '$2' (got: ${COMPREPLY[*]+"${COMPREPLY[*]}"})"
		fail=1
	fi
}
only() { # LINE WORD: WORD is the only candidate
	complete_line "$1"
	if [ "${#COMPREPLY[@]}" != 1 ] || [ "${COMPREPLY[0]}" != "$2" ]; then
		echo "FAIL: '$1<TAB>' gives '${COMPREPLY[*]+"${COMPREPLY[*]}"}', not only '$2'"
		fail=1
	fi
}
expect "secspec ca" catalog
only "secspec cat" catalog
expect "secspec " decide
expect "secspec catalog " list
expect "secspec catalog " show
expect "secspec catalog " versions
expect "secspec catalog list --" --section
expect "secspec catalog list --" --db
expect "secspec project create x --side " vendor
expect "secspec --lang " ja
expect "secspec decide " demo
expect "secspec decide demo " APP-SC-001
expect "secspec --db $SECSPEC_DB decide demo " APP-SC-001
only "secspec decide demo --policy acc" accept
expect "secspec project show " demo
only "secspec proposal ans" answer
complete_line "secspec decide demo APP-SC-001 --by "
[ "${#COMPREPLY[@]}" = 0 ] || { echo "FAIL: --by completes '${COMPREPLY[*]}'"; fail=1; }
# the zsh script at least parses where zsh is installed
if command -v zsh >/dev/null 2>&1; then
	secspec completion zsh >zsh-completion
	zsh -n zsh-completion || { echo "FAIL: the zsh script does not parse"; fail=1; }
fi
[ $fail = 0 ] && echo "completion ok"
exit $fail
