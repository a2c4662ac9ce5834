#!/usr/bin/env bash
# Test accuracy of a rule on the synthetic task over seeds, in float and at a precision config (mean ± sd, Markdown row).
#   scripts/evaluate-precision.sh RULE.json PRECISION(default|FILE.json) [SEEDS...]     (default seeds 1..5)
set -euo pipefail
command -v jq >/dev/null || { echo "evaluate-precision.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/stats.sh
source "$root/scripts/stats.sh"
rule="${1:?usage: evaluate-precision.sh RULE.json PRECISION [SEEDS...]}"; precision="${2:?precision}"; shift 2
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 4 5)
f=(); q=()
for seed in "${seeds[@]}"; do
  f+=("$("$root/neuro" simulate --rule "$rule" --task synthetic --seed "$seed" --json | jq -r .testAccuracy)")
  q+=("$("$root/neuro" simulate --rule "$rule" --task synthetic --seed "$seed" --precision "$precision" --json | jq -r .testAccuracy)")
done
echo "| $(basename "$rule") | $(stats "${f[@]}") | $(stats "${q[@]}") | ${q[*]} |"
