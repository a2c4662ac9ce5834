#!/usr/bin/env bash
# EMNN: evolves y = Wx + b towards Y = 2X + 3 over many seeds and prints how many reach W and b within 1e-3 of the
# target (docs/results.md, "EMNN").
#   scripts/emnn-runs.sh [ALGORITHM] [GENERATIONS] [FIRST_SEED] [LAST_SEED]      (ga 30 1 50)
#   PRECISION=FILE|default scripts/emnn-runs.sh ga 30          fixed point: counts runs that end on the nearest representable W, b
#   EXTRA="--sigma 0.5 --learning-rate 0.3" scripts/emnn-runs.sh es 30   more evolve options
# Each run: neuro evolve --task linear --algorithm ALGORITHM --generations GENERATIONS --seed S --json (population 50).
set -euo pipefail
command -v jq >/dev/null || { echo "emnn-runs.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
neuro="${NEURO:-$root/neuro}"   # NEURO="dotnet /path/neuro.dll" runs a fixed build
algorithm="${1:-ga}"; generations="${2:-30}"; first="${3:-1}"; last="${4:-50}"
args=(--task linear --algorithm "$algorithm" --generations "$generations")
[ -n "${PRECISION:-}" ] && args+=(--precision "$PRECISION")
# shellcheck disable=SC2206
[ -n "${EXTRA:-}" ] && args+=($EXTRA)   # e.g. EXTRA="--sigma 0.5 --learning-rate 0.3" for es
results="$(mktemp)"; trap 'rm -f "$results"' EXIT
for seed in $(seq "$first" "$last"); do
  $neuro evolve "${args[@]}" --seed "$seed" --json 2>/dev/null | jq -c . >> "$results"
done
jq -rs --arg cmd "scripts/emnn-runs.sh $algorithm $generations $first $last${PRECISION:+ (PRECISION=$PRECISION)}${EXTRA:+ (EXTRA=$EXTRA)}" '
  def median: sort | if length == 0 then "-" else .[(length - 1) / 2 | floor] end;
  def hit($t): (.w - $t.w | fabs) <= 1e-3 and (.b - $t.b | fabs) <= 1e-3;
  def exact($t): .wRaw == $t.wRaw and .bRaw == $t.bRaw;
  # The first generation whose best-so-far model (least MSE up to it) is within 1e-3 (float) or exact (fixed).
  def first_hit: .target as $t | .backend as $b
    | [foreach .generations[] as $g (null; if . == null or $g.mse < .mse then $g else . end;
        select(if $b == "fixed" then exact($t) else hit($t) end) | .generation)] | first // null;
  map(. + {hitAt: first_hit})
  | (map(select(.hitAt != null))) as $ok
  | "| \(.[0].algorithm) | \(.[0].backend) | \(.[0].population) | \(.[0].evaluations) | \($ok | length)/\(length) | \([$ok[].hitAt] | median) | \([$ok[].hitAt] | max // "-") | \([.[].mse] | median) | \($cmd) |"' "$results"
