#!/usr/bin/env bash
# Compares es, oes, ga and cmaes on the synthetic task at an equal evaluation budget and prints a Markdown table.
#   scripts/compare-optimizers.sh [GENERATIONS] [POPULATION] [SEEDS...]
# Each run: holdout fitness (500-sample lifetime, 250 unseen samples, 1 lifetime per evaluation), 20 hidden, cap 10,
# R = 3, no input table; then one online pass over the 4000 training samples and the test accuracy on 1000.
set -euo pipefail
command -v jq >/dev/null || { echo "compare-optimizers.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/stats.sh
source "$root/scripts/stats.sh"
generations="${1:-100}"; population="${2:-20}"; shift $(( $# >= 2 ? 2 : $# )) || true
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
echo "| algorithm | evaluations | validation fitness (mean ± sd) | test accuracy, 1 pass (mean ± sd) | seeds |"
echo "|---|---|---|---|---|"
for alg in es oes ga cmaes; do
  vals=(); tests=(); evals=0
  for seed in "${seeds[@]}"; do
    dir="$out/$alg-$seed"
    json=$("$root/neuro" evolve --task synthetic --algorithm "$alg" --fitness holdout --lifetime 500 --holdout 250 --batches 1 \
      --no-input-rule --generations "$generations" --population "$population" --seed "$seed" --threads "${THREADS:-0}" --out "$dir" --json 2>/dev/null)
    vals+=("$(jq -r .bestFitness <<<"$json")"); tests+=("$(jq -r .testAccuracy <<<"$json")"); evals=$(jq -r .evaluations <<<"$json")
  done
  echo "| $alg | $evals | $(stats "${vals[@]}") | $(stats "${tests[@]}") | ${seeds[*]} |"
done
