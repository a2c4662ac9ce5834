#!/usr/bin/env bash
# Runs the Neuro test suite from any directory.
#   ./test.sh          fast suite (what CI runs)
#   ./test.sh --all    also the heavy tests (Category=Heavy)
#   ./test.sh -- ARGS  extra arguments for dotnet test (e.g. -- --filter FullyQualifiedName~Oracle)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/require-packages.sh
source "$root/scripts/require-packages.sh"

filter="Category!=Heavy"
hang=20m
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --all) filter=""; hang=120m; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

require_dotnet
# g++ and libsystemc-dev build the SystemC sc_fixed oracle that judges the fixed-point core; iverilog and verilator
# co-simulate the exported Verilog, yosys/nextpnr-ice40/fpga-icestorm synthesize it; pocl-opencl-icd is the OpenCL
# device CI runs the bit-exact kernels on (ocl-icd-libopencl1 is the loader, clinfo lists devices); redis-server holds
# the membership of the clusters the distributed tests start (the tests start their own server on a free port).
require_packages g++ libsystemc-dev iverilog verilator yosys nextpnr-ice40 fpga-icestorm \
  pocl-opencl-icd ocl-icd-libopencl1 clinfo redis-server

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# PoCL is installed above, so an OpenCL test that finds no device fails rather than skips (as it does in CI).
export NEURO_REQUIRE_OPENCL=1
log="$(mktemp)"
# A test that runs for 20 minutes (no fast test needs 6; 120 with --all) ends its run with its name in the log, instead
# of holding the run until the CI limit; the results folder stays outside the checkout.
results="$(mktemp -d)"
trap 'rm -f "$log"; rm -rf "$results"' EXIT
args=(test "$root/Neuro.sln" -c Release --nologo --blame-hang-timeout "$hang" --blame-hang-dump-type none --results-directory "$results")
# A --filter among the extra arguments narrows the suite's own filter (dotnet test takes only one).
rest=()
while [ ${#extra[@]} -gt 0 ]; do
  if [ "${extra[0]}" = "--filter" ] && [ ${#extra[@]} -gt 1 ]; then
    filter="${filter:+($filter)&}(${extra[1]})"
    extra=("${extra[@]:2}")
  else
    rest+=("${extra[0]}")
    extra=("${extra[@]:1}")
  fi
done
extra=("${rest[@]}")
[ -n "$filter" ] && args+=(--filter "$filter")
set +e
dotnet "${args[@]}" "${extra[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole suite, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
