#!/usr/bin/env bash
# Which fixed-point width a synthetic-task rule's weights need, with ROM words that are never the limit.
#   scripts/evaluate-weight-widths.sh RULE.json HIDDEN CAP [WEIGHT...]
# Each WEIGHT is W,I (the weight type ap_fixed<W,I,AP_RND_CONV,AP_SAT>; default: 8,1 8,0 9,0 10,0 10,1 12,1). Every
# config has 8-bit inputs ap_fixed<8,4>, 24-bit activations ap_fixed<24,10> (those of configs/precision-w8-sr.json), and a
# 16-bit ROM word with the weight's fractional bits plus 8 stochastic-rounding bits, so the word holds eta·entry to
# 2^-8 of a weight LSB and (for the shipped rules) never saturates: only the weight's width and range vary.
# Prints a Markdown table: float, then each width; one online pass, network and data seeds 1..10, mean ± sd (population)
# of `neuro simulate --json`'s testAccuracy. The configs are written to a temporary folder and removed.
set -euo pipefail
command -v jq >/dev/null || { echo "evaluate-weight-widths.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/stats.sh
source "$root/scripts/stats.sh"
rule="${1:?usage: evaluate-weight-widths.sh RULE.json HIDDEN CAP [W,I ...]}"
hidden="${2:?hidden}"; cap="${3:?cap}"; shift 3
widths=("$@")
[ ${#widths[@]} -gt 0 ] || widths=(8,1 8,0 9,0 10,0 10,1 12,1)
"$root/neuro" --help >/dev/null  # build once
configs="$(mktemp -d)"
trap 'rm -rf "$configs"' EXIT
run() {  # [--precision FILE]: the ten test accuracies
  for seed in 1 2 3 4 5 6 7 8 9 10; do
    "$root/neuro" simulate --rule "$rule" --task synthetic --hidden "$hidden" --cap "$cap" --seed "$seed" "$@" --json | jq -r .testAccuracy
  done
}
echo "| weights | ROM word | test accuracy (seeds 1–10) |"
echo "|---|---|---|"
# shellcheck disable=SC2046
echo "| float | – | $(stats $(run)) |"
for spec in "${widths[@]}"; do
  w="${spec%,*}"; i="${spec#*,}"
  word="ap_fixed<16,$((16 - (w - i) - 8)),AP_RND_CONV,AP_SAT>"
  config="$configs/w$w-$i.json"
  printf '{\n  "input": "ap_fixed<8,4,AP_RND_CONV,AP_SAT>",\n  "weight": "ap_fixed<%s,%s,AP_RND_CONV,AP_SAT>",\n  "activation": "ap_fixed<24,10,AP_RND_CONV,AP_SAT>",\n  "ruleEntry": "%s",\n  "stochasticBits": 8\n}\n' \
    "$w" "$i" "$word" > "$config"
  # shellcheck disable=SC2046
  echo "| \`ap_fixed<$w,$i>\` | \`${word%%,AP_*}>\` | $(stats $(run --precision "$config")) |"
done
