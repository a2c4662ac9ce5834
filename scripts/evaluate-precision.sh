#!/usr/bin/env bash
# Test accuracy of a rule on the synthetic task over seeds, in float and at a precision config (mean ± sd, Markdown row).
#   scripts/evaluate-precision.sh RULE.json PRECISION(default|FILE.json) [--hidden N] [--cap K] [--seeds A-B] [SEEDS...]
# Seeds are network seeds (data seed = seed): the listed ones, the range A-B, or 1..5. Columns: float, fixed point,
# fixed − float per seed as mean ± standard error (paired: the same network and data in both runs; the standard error
# says how many seeds a gap needs: with 10 seeds at 20 hidden it is about 1.3 points), the fixed-point values.
# Two runs at a time (NEURO_JOBS to change); every number is `neuro simulate --json`'s testAccuracy.
set -euo pipefail
command -v jq >/dev/null || { echo "evaluate-precision.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/stats.sh
source "$root/scripts/stats.sh"
usage="usage: evaluate-precision.sh RULE.json PRECISION [--hidden N] [--cap K] [--seeds A-B] [SEEDS...]"
rule="${1:?$usage}"; precision="${2:?$usage}"; shift 2
size=(); seeds=()
while [ $# -gt 0 ]; do
  case "$1" in --hidden|--cap|--seeds) [ $# -ge 2 ] || { echo "evaluate-precision.sh: $1 needs a value" >&2; exit 2; } ;; esac
  case "$1" in
    --hidden|--cap) size+=("$1" "$2"); shift 2 ;;
    --seeds)
      [[ "$2" =~ ^[0-9]+-[0-9]+$ ]] || { echo "evaluate-precision.sh: --seeds takes A-B, not '$2'" >&2; exit 2; }
      mapfile -t seeds < <(seq "${2%-*}" "${2#*-}"); shift 2 ;;
    [0-9]*) seeds+=("$1"); shift ;;
    *) echo "evaluate-precision.sh: unknown argument '$1'" >&2; echo "$usage" >&2; exit 2 ;;
  esac
done
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 4 5)
"$root/neuro" --help >/dev/null  # build once before the parallel runs
SIZE="${size[*]:-}"
export root rule precision SIZE
one() {  # SEED: prints "SEED FLOAT FIXED"
  # shellcheck disable=SC2086
  printf '%s %s %s\n' "$1" \
    "$("$root/neuro" simulate --rule "$rule" --task synthetic $SIZE --seed "$1" --json | jq -r .testAccuracy)" \
    "$("$root/neuro" simulate --rule "$rule" --task synthetic $SIZE --seed "$1" --precision "$precision" --json | jq -r .testAccuracy)"
}
export -f one
rows="$(printf '%s\n' "${seeds[@]}" | xargs -P "${NEURO_JOBS:-2}" -I{} bash -c 'one {}' | sort -n)"
mapfile -t f < <(cut -d' ' -f2 <<<"$rows")
mapfile -t q < <(cut -d' ' -f3 <<<"$rows")
gap="$(awk '{d=$3-$2; s+=d; ss+=d*d; n++} END {m=s/n; v=(n>1)?(ss-n*m*m)/(n-1):0; if (v<0) v=0;
  printf "%+.1f ± %.1f", 100*m, 100*sqrt(v/n)}' <<<"$rows")"
echo "| $(basename "$rule") | $(stats "${f[@]}") | $(stats "${q[@]}") | $gap | ${q[*]} |"
