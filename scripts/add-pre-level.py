#!/usr/bin/env python3
"""Adds a pre level field to a neuro-rule/2 pattern rule's output table (issue 15).

The output table's fields [F...] become [pre(n, levels), F...]: the hidden neuron's last-round activity h against fractions
of the layer's largest activity H (level = how many levels t have h > t*H; docs/file-formats.md). Each entry becomes

    entry[pre = k, rest] = base entry[rest] * gain[k]

so with every gain 1 the rule behaves as the base rule. The rest of the rule (hidden table, eta, update settings) is kept.
The command line is written into the rule's provenance.

    scripts/add-pre-level.py rules/synthetic-best-20hidden-avg.json OUT.json --levels 0.5 --gains 0.5,1.5
"""
import argparse
import json
import math
import os
import shlex
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", help="a neuro-rule/2 pattern rule with an output table")
    ap.add_argument("out", help="the rule to write (refused if it exists)")
    ap.add_argument("--levels", default="0.5", help="comma-separated ascending levels, each 0 or a power of two at most 1/2 (2^n - 1 of them)")
    ap.add_argument("--gains", default="0.5,1.5", help="comma-separated gain per level code 0..2^n-1")
    ap.add_argument("--fitness", type=float, default=0.0, help="the selection score to record in the provenance")
    ap.add_argument("--note", default="")
    a = ap.parse_args()

    if os.path.exists(a.out):
        sys.exit(f"{a.out} exists; choose a new file")
    base = json.load(open(a.base))
    if base.get("format") != "neuro-rule/2" or base.get("family") != "pattern":
        sys.exit(f"{a.base}: expected a neuro-rule/2 pattern rule")
    levels = [float(x) for x in a.levels.split(",")]
    gains = [float(x) for x in a.gains.split(",")]
    bits = round(math.log2(len(levels) + 1))
    if (1 << bits) - 1 != len(levels) or len(gains) != 1 << bits:
        sys.exit("--levels: 2^n - 1 values; --gains: 2^n values")
    outputs = [t for t in base["tables"] if t["synapses"] == "output"]
    if len(outputs) != 1 or any(f["signal"] == "pre" for f in outputs[0]["fields"]):
        sys.exit(f"{a.base}: needs one output table without a pre field")
    table = outputs[0]
    entries = table["entries"]
    table["fields"] = [{"signal": "pre", "bits": bits, "thresholds": levels}] + table["fields"]
    table["entries"] = [e * g for g in gains for e in entries]
    base["provenance"] = {
        "seed": 0,
        "algorithm": "derived",
        "task": base.get("provenance", {}).get("task", "synthetic"),
        "fitness": a.fitness,
        "base": a.base,
        "command": " ".join(shlex.quote(x) for x in ["scripts/add-pre-level.py", *sys.argv[1:]]),
        **({"note": a.note} if a.note else {}),
    }
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(base, f, indent=2)
        f.write("\n")
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
