#!/usr/bin/env bash
# The foraging comparison of docs/results.md: the untrained connectome, then enomad, renomad, ga, es, cmaes and mads at an
# equal evaluation budget over several seeds. Prints a Markdown table (mean ± sd of the best fitness and of the number of
# edited weights, CPU seconds per run) and draws docs/img/foraging-fitness.png (best fitness against evaluations) and
# docs/img/foraging-trajectory.png (the best enomad worm's lifetimes); then scores every refined worm on the four
# patterns it was not trained on.
#   scripts/foraging-results.sh [EVALUATIONS] [SEEDS...]      defaults: 10000, seeds 1 2 3 4 5
# Environment: DATA (the connectome folder; default ../shared/data/connectome beside the repository), OUT (run folders;
# default runs/foraging-results), THREADS (worker threads; results do not depend on it), IMG (figure folder; default
# docs/img). Runs already finished in OUT are reused, so an interrupted comparison continues where it stopped.
# Each run is `nice -n 10 neuro evolve --task foraging --algorithm A --evaluations N --seed S --json`, run with a copy of
# the CLI built into OUT/bin at the start, so editing the sources meanwhile cannot change a later run.
set -euo pipefail
command -v jq >/dev/null || { echo "foraging-results.sh needs jq: apt-get install -y jq" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
evaluations="${1:-10000}"; shift $(( $# >= 1 ? 1 : 0 )) || true
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 4 5)
data="${DATA:-$root/../shared/data/connectome}"
out="${OUT:-$root/runs/foraging-results}"
img="${IMG:-$root/docs/img}"
algorithms=(enomad renomad ga es cmaes mads)
mkdir -p "$out" "$img"

if [ ! -f "$out/bin/neuro.dll" ]; then
  dotnet build "$root/src/Cli/Cli.csproj" -c Release -o "$out/bin" -v q --nologo >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
  git -C "$root" rev-parse HEAD > "$out/bin/commit.txt"
fi
neuro() { dotnet "$out/bin/neuro.dll" "$@"; }

untrained=$(neuro simulate --task foraging --data "$data" --json | jq -r .fitness)
for alg in "${algorithms[@]}"; do
  for seed in "${seeds[@]}"; do
    run="$out/$alg-$seed"
    [ -s "$run.json" ] && continue
    rm -rf "$run"
    start=$(date +%s)
    /usr/bin/time -f '%U %S' -o "$run.time" nice -n 10 dotnet "$out/bin/neuro.dll" evolve --task foraging --data "$data" --algorithm "$alg" \
      --evaluations "$evaluations" --seed "$seed" --threads "${THREADS:-0}" --out "$run" --json > "$run.json.tmp" 2> "$run.log"
    mv "$run.json.tmp" "$run.json"
    echo "$alg seed $seed: $(jq -r .bestFitness "$run.json") ($(( $(date +%s) - start )) s wall)" >&2
  done
done

stats() { printf '%s\n' "$@" | awk '{s+=$1; q+=$1*$1; n++} END {m=s/n; v=(n>1)?(q-n*m*m)/(n-1):0; if (v<0) v=0; printf "%.1f ± %.1f", m, sqrt(v)}'; }
echo "| algorithm | evaluations per run | best fitness (mean ± sd) | edited weights (mean ± sd) | CPU s per run | seeds |"
echo "|---|---|---|---|---|---|"
echo "| untrained connectome | 1 | $(printf '%.1f' "$untrained") | 0 | | all |"
for alg in "${algorithms[@]}"; do
  fit=(); edits=(); cpu=(); evals=()
  for seed in "${seeds[@]}"; do
    fit+=("$(jq -r .bestFitness "$out/$alg-$seed.json")")
    edits+=("$(jq -r .editedWeights "$out/$alg-$seed.json")")
    evals+=("$(jq -r .evaluations "$out/$alg-$seed.json")")
    cpu+=("$(awk '{print $1 + $2}' "$out/$alg-$seed.time")")
  done
  echo "| $alg | $(printf '%s\n' "${evals[@]}" | sort -n | sed -n '1p;$p' | paste -sd- | sed 's/^\([0-9]*\)-\1$/\1/') | $(stats "${fit[@]}") | $(stats "${edits[@]}") | $(stats "${cpu[@]}") | ${seeds[*]} |"
done

# Transfer: each refined worm on the four patterns it was not trained on (random and clusters from the run's seed).
heldout=grid,circle,clusters,random
echo
echo "Held-out patterns ($heldout), one lifetime each, rewards summed:"
echo
echo "| algorithm | held-out fitness (mean ± sd) | seeds |"
echo "|---|---|---|"
base=(); for seed in "${seeds[@]}"; do base+=("$(neuro simulate --task foraging --data "$data" --patterns "$heldout" --seed "$seed" --json | jq -r .fitness)"); done
echo "| untrained connectome | $(stats "${base[@]}") | ${seeds[*]} |"
for alg in "${algorithms[@]}"; do
  held=(); for seed in "${seeds[@]}"; do held+=("$(neuro simulate --task foraging --rule "$out/$alg-$seed/rule.json" --patterns "$heldout" --json | jq -r .fitness)"); done
  echo "| $alg | $(stats "${held[@]}") | ${seeds[*]} |"
done

runs="$out/curves"; rm -rf "$runs"; mkdir -p "$runs"
for alg in "${algorithms[@]}"; do for seed in "${seeds[@]}"; do ln -s "$out/$alg-$seed" "$runs/$alg-$seed"; done; done
dotnet run --project "$root/experiments/ForagingCurves" -c Release -v q -- "$runs" "$img/foraging-fitness.png" "$untrained" >&2
best=$(for seed in "${seeds[@]}"; do echo "$(jq -r .bestFitness "$out/enomad-$seed.json") $seed"; done | sort -g | tail -1 | cut -d' ' -f2)
neuro simulate --task foraging --rule "$out/enomad-$best/rule.json" --plot "$img/foraging-trajectory.png" >&2
echo "(figures: $img/foraging-fitness.png; $img/foraging-trajectory.png from enomad seed $best; CLI commit $(cat "$out/bin/commit.txt"))"
