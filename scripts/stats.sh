# Sourced by the evaluation scripts: stats VALUES... prints "mean % ± sd" of fractions in [0, 1] as percentages
# (population standard deviation, as every table in docs/results.md that these scripts write).
stats() { printf '%s\n' "$@" | awk '{s+=$1; q+=$1*$1; n++} END {m=s/n; v=q/n-m*m; if (v<0) v=0; printf "%.1f %% ± %.1f", 100*m, 100*sqrt(v)}'; }
