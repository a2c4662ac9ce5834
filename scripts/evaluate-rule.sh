#!/usr/bin/env bash
# Evaluates a rule on the synthetic task over several network/data seeds and prints a Markdown table (mean ± sd).
#   scripts/evaluate-rule.sh RULE.json [SEEDS...]        (default seeds 1..5)
# Rows: 20 hidden / cap 10, one online pass (test accuracy); the transfer test (a fresh dataset, data seed 1000+seed,
# 50 online passes, no resets, rule frozen); 100 hidden / cap 50, one online pass.
set -euo pipefail
command -v jq >/dev/null || { echo "evaluate-rule.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/stats.sh
source "$root/scripts/stats.sh"
rule="${1:?usage: evaluate-rule.sh RULE.json [SEEDS...]}"; shift
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 4 5)
row() {
  local name="$1"; shift
  local values=()
  for seed in "${seeds[@]}"; do
    local args=("$@")
    args=("${args[@]//SEED/$seed}")
    args=("${args[@]//DATA/$((1000 + seed))}")
    values+=("$("$root/neuro" simulate --rule "$rule" --task synthetic --seed "$seed" "${args[@]}" --json | jq -r .testAccuracy)")
  done
  echo "| $name | $(stats "${values[@]}") | ${values[*]} |"
}
echo "| configuration | test accuracy (mean ± sd) | per seed (${seeds[*]}) |"
echo "|---|---|---|"
row "20 hidden, cap 10, 1 pass" --hidden 20 --cap 10 --passes 1
row "transfer: fresh data, 20 hidden, 50 passes" --hidden 20 --cap 10 --passes 50 --data-seed DATA
row "100 hidden, cap 50, 1 pass" --hidden 100 --cap 50 --passes 1
