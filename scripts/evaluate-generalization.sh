#!/usr/bin/env bash
# Judges a synthetic-task rule on data it never saw during evolution and prints a Markdown table (mean ± sd).
#   scripts/evaluate-generalization.sh RULE.json HIDDEN CAP [--precision CONFIG] [--passes N] [--transfer]
# Rows, one online pass unless --passes, network seeds 1..10:
#   the task's test seeds (data seed = seed); fresh data seeds 201..210; other generator settings on data seeds 1..10:
#   4 clusters per class, class separation 0.5 and 2. With --transfer also the transfer test (data seed 1000+seed,
#   50 passes, rule frozen: what docs/pattern-network.md calls the transfer test).
# Two runs at a time (NEURO_JOBS to change); every number is `neuro simulate --json`'s testAccuracy.
set -euo pipefail
command -v jq >/dev/null || { echo "evaluate-generalization.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/stats.sh
source "$root/scripts/stats.sh"
rule="${1:?usage: evaluate-generalization.sh RULE.json HIDDEN CAP [--precision CONFIG] [--passes N] [--transfer]}"
hidden="${2:?hidden}"; cap="${3:?cap}"; shift 3
extra=(); passes=1; transfer=0
while [ $# -gt 0 ]; do
  case "$1" in
    --precision) extra+=(--precision "$2"); shift 2 ;;
    --passes) passes="$2"; shift 2 ;;
    --transfer) transfer=1; shift ;;
    *) echo "evaluate-generalization.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
"$root/neuro" --help >/dev/null  # build once before the parallel runs
jobs="${NEURO_JOBS:-2}"
seeds=(1 2 3 4 5 6 7 8 9 10)
EXTRA="${extra[*]:-}"
export root rule hidden cap EXTRA
one() {  # SEED DATASEED ARGS...: prints the test accuracy (EXTRA: the --precision option, if any)
  local seed="$1" data="$2"; shift 2
  # shellcheck disable=SC2086
  "$root/neuro" simulate --rule "$rule" --task synthetic --hidden "$hidden" --cap "$cap" --seed "$seed" --data-seed "$data" \
    $EXTRA "$@" --json | jq -r .testAccuracy
}
export -f one
row() {  # NAME DATA-OFFSET PASSES ARGS...
  local name="$1" offset="$2" p="$3"; shift 3
  local values
  values="$(printf '%s\n' "${seeds[@]}" | xargs -P "$jobs" -I{} bash -c 'printf "%s %s\n" {} "$(one {} $(({} + '"$offset"')) --passes '"$p"' "$@")"' _ "$@" \
    | sort -n | cut -d' ' -f2)"
  # shellcheck disable=SC2086
  echo "| $name | $(stats $values) | $(echo $values) |"
}
echo "| data (${hidden} hidden, cap ${cap}${EXTRA:+, $EXTRA}) | test accuracy (mean ± sd) | per seed 1..10 |"
echo "|---|---|---|"
row "task test seeds (data seed = seed), $passes pass(es)" 0 "$passes"
row "fresh data seeds 201..210" 200 "$passes"
row "4 clusters per class" 0 "$passes" --clusters-per-class 4
row "class separation 0.5" 0 "$passes" --class-sep 0.5
row "class separation 2" 0 "$passes" --class-sep 2
if [ "$transfer" = 1 ]; then
  row "transfer: data seed 1000+seed, 50 passes" 1000 50
fi
