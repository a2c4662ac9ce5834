#!/usr/bin/env bash
# Evolves Baxter learners over several seeds and prints a Markdown table (docs/results.md, "Baxter's local learners").
#   scripts/baxter-runs.sh TASK NODES GENERATIONS [SEEDS...]        (seeds default to 1..20)
#   EPOCHS=2 STEPS=2 POPULATION=50 OUT=DIR scripts/baxter-runs.sh boolean1 4 100
# Each run: neuro evolve --task TASK --nodes NODES --seed S --generations GENERATIONS --json (the GA over discrete genes).
# One row per seed (learned all?, generation and evaluations to success, f, functions learned), then a summary:
# the fraction of runs that learned every function, the median generations/evaluations to success, and how often each f
# evolved (over the successful runs). Run folders go to OUT (a temporary folder, removed, when unset).
set -euo pipefail
command -v jq >/dev/null || { echo "baxter-runs.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
neuro="${NEURO:-$root/neuro}"   # NEURO="dotnet /path/neuro.dll" runs a fixed build
[ $# -ge 3 ] || { sed -n '2,8p' "$0"; exit 2; }
task="$1"; nodes="$2"; generations="$3"; shift 3
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=($(seq 1 20))
if [ -n "${OUT:-}" ]; then out="$OUT"; mkdir -p "$out"; else out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
args=(--task "$task" --nodes "$nodes" --generations "$generations" --epochs "${EPOCHS:-2}" --steps "${STEPS:-2}")
[ -n "${POPULATION:-}" ] && args+=(--population "$POPULATION")
echo "| seed | learned all | generation to success | evaluations to success | f | functions learned |"
echo "|---|---|---|---|---|---|"
results="$out/results.jsonl"; : > "$results"
for seed in "${seeds[@]}"; do
  json=$($neuro evolve "${args[@]}" --seed "$seed" --out "$out/$task-n$nodes-s$seed" --json 2>/dev/null)
  jq -c . <<<"$json" >> "$results"
  jq -r '"| \(.seed) | \(if .learnedAll then "yes" else "no" end) | \(.successGeneration // "-") | \(.successEvaluations // "-") | f\(.f) (\(.fName)) | \(.functionsLearned): \([.learned | to_entries[] | select(.value) | .key] | join(", ")) |"' <<<"$json"
done
jq -rs --arg cmd "scripts/baxter-runs.sh $task $nodes $generations (EPOCHS=${EPOCHS:-2} STEPS=${STEPS:-2})" '
  def median: sort | if length == 0 then "-" else .[(length - 1) / 2 | floor] end;
  (map(select(.learnedAll))) as $ok
  | "\n\(($ok | length))/\(length) runs learned every function (\($cmd)); median generation to success \([$ok[].successGeneration] | median), median evaluations \([$ok[].successEvaluations] | median), population \(.[0].population)."
  + "\nf over the successful runs: \($ok | group_by(.f) | map("f\(.[0].f) (\(.[0].fName)) \(length)") | join(", ") | if . == "" then "-" else . end)."
  + "\nfunctions learned (all runs): \([.[].learned | to_entries[] | select(.value) | .key] | group_by(.) | map("\(.[0]) \(length)") | join(", "))."' "$results"
