#!/usr/bin/env python3
"""Derives a pattern rule whose output table also reads the sample's margin and the lifetime's phase (issue 15).

The base rule's hidden table is kept as it is; its output table [preHistory, role(1)] becomes
[preHistory, role(1), margin(2, relative, thresholds -m, 0, m), phase(4)] (and, with --weight-bits, a weight field last)
with entries

    out[pattern, role] * output_scale * gain[role][margin] * decay(phase) * weight_gain[code]

where decay(p) = 1 for p <= phase_start and 2^(-phase_decay * (p - phase_start)) after (or --phase-gains' list), and eta becomes eta * eta_scale
(output_scale is divided by eta_scale, so with both at 1 the output step is the base rule's). --no-margin and
--no-phase drop those fields (the ablation in docs/results.md). The command line is written into the rule's provenance.

    scripts/derive-margin-phase-rule.py rules/synthetic-es-100hidden.json OUT.json \
        --gains 0.5,2,0.5,0/1,1,1,1 --eta-scale 8 --output-scale 256
"""
import argparse
import json
import shlex
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", help="a pattern rule with a hidden and an output table in the classic layout")
    ap.add_argument("out", help="the rule to write (refused if it exists)")
    ap.add_argument("--gains", default="1,1,1,1/1,1,1,1",
                    help="per role (label / prediction), four margin-bucket gains, wrong-by-far first")
    ap.add_argument("--margin-step", type=float, default=0.125, help="relative thresholds -m, 0, m (m a power of two)")
    ap.add_argument("--phase-bits", type=int, default=4)
    ap.add_argument("--phase-start", type=int, default=8, help="phase from which the step starts to shrink")
    ap.add_argument("--phase-decay", type=float, default=1.0, help="halvings of the step per phase after the start")
    ap.add_argument("--phase-gains", default="",
                    help="comma-separated step factor per phase 0..2^bits-1, instead of --phase-start/--phase-decay")
    ap.add_argument("--hidden-phase-gains", default="",
                    help="give the hidden table a phase field too, with this step factor per phase 0..2^bits-1")
    ap.add_argument("--eta-scale", type=float, default=1.0, help="eta is multiplied by this")
    ap.add_argument("--output-scale", type=float, default=1.0, help="output entries are multiplied by this / eta-scale")
    ap.add_argument("--weight-bits", type=int, default=0, help="add a weight field of this many bits to the output table")
    ap.add_argument("--weight-range", type=float, default=1.0, help="the weight field's range (a power of two)")
    ap.add_argument("--weight-gains", default="", help="comma-separated gain per weight code 0..2^n-1 (two's complement order)")
    ap.add_argument("--no-margin", action="store_true")
    ap.add_argument("--no-phase", action="store_true")
    ap.add_argument("--output-average-shift", type=int, default=0,
                    help="predictions read a moving average of the output weights with factor 2^-s (update.outputAverageShift); 0 = off")
    ap.add_argument("--fitness", type=float, default=0.0, help="the selection score to record in the provenance")
    ap.add_argument("--task", default="synthetic", help="the task the rule was chosen on, for the provenance")
    ap.add_argument("--note", default="")
    a = ap.parse_args()

    base = json.load(open(a.base))
    if base.get("family", "pattern") != "pattern" or "tables" in base:
        sys.exit(f"{a.base}: expected a pattern rule in the first format (hidden, output arrays)")
    gains = [[float(x) for x in row.split(",")] for row in a.gains.split("/")]
    if len(gains) != 2 or any(len(row) != 4 for row in gains):
        sys.exit("--gains: two rows of four, e.g. 0.5,2,0.5,0/1,1,1,1")
    wgains = [float(x) for x in a.weight_gains.split(",")] if a.weight_bits else [1.0]
    if a.weight_bits and len(wgains) != 1 << a.weight_bits:
        sys.exit(f"--weight-gains: {1 << a.weight_bits} values for --weight-bits {a.weight_bits}")

    pgains = [float(x) for x in a.phase_gains.split(",")] if a.phase_gains else None
    if pgains is not None and len(pgains) != 1 << a.phase_bits:
        sys.exit(f"--phase-gains: {1 << a.phase_bits} values for --phase-bits {a.phase_bits}")

    def decay(p):
        if pgains is not None:
            return pgains[p]
        return 1.0 if p <= a.phase_start else 2.0 ** (-a.phase_decay * (p - a.phase_start))

    history_bits = base["rounds"] + 1
    fields = [{"signal": "preHistory", "bits": history_bits}, {"signal": "role", "bits": 1}]
    if not a.no_margin:
        fields.append({"signal": "margin", "bits": 2, "relative": True,
                       "thresholds": [-a.margin_step, 0, a.margin_step]})
    if not a.no_phase:
        fields.append({"signal": "phase", "bits": a.phase_bits})
    if a.weight_bits:
        fields.append({"signal": "weight", "bits": a.weight_bits, "range": a.weight_range})

    entries = []
    for k, o in enumerate(base["output"]):  # classic index 2*pattern + role
        role = k & 1
        for m in ([None] if a.no_margin else range(4)):
            for p in ([0] if a.no_phase else range(1 << a.phase_bits)):
                for w in range(len(wgains)):
                    g = 1.0 if m is None else gains[role][m]
                    s = 1.0 if a.no_phase else decay(p)
                    entries.append(o * (a.output_scale / a.eta_scale) * g * s * wgains[w])

    hidden_fields = [{"signal": "preHistory", "bits": history_bits}, {"signal": "postHistory", "bits": history_bits}]
    hidden = base["hidden"]
    if a.hidden_phase_gains:
        hgains = [float(x) for x in a.hidden_phase_gains.split(",")]
        if len(hgains) != 1 << a.phase_bits:
            sys.exit(f"--hidden-phase-gains: {1 << a.phase_bits} values for --phase-bits {a.phase_bits}")
        hidden_fields.append({"signal": "phase", "bits": a.phase_bits})
        hidden = [h * g for h in base["hidden"] for g in hgains]
    tables = [{"name": "hidden", "synapses": "recurrent", "mode": "add", "fields": hidden_fields, "entries": hidden}]
    if base.get("input") is not None:
        tables.append({"name": "input", "synapses": "input", "mode": "add",
                       "fields": [{"signal": "postHistory", "bits": history_bits}], "entries": base["input"]})
    tables.append({"name": "output", "synapses": "output", "mode": "add", "fields": fields, "entries": entries})
    old = base.get("update", {})
    update = {"misclassifiedOnly": old.get("misclassifiedOnly", True), "outputEdges": old.get("outputEdges", "labelAndPrediction")}
    if a.output_average_shift:
        update["outputAverageShift"] = a.output_average_shift
    rule = {
        "format": "neuro-rule/2", "family": "pattern", "rounds": base["rounds"], "eta": base["eta"] * a.eta_scale,
        "update": update, "tables": tables,
        "provenance": {"seed": 0, "algorithm": "derived", "task": a.task,
                       "fitness": a.fitness, "base": a.base,
                       "command": "scripts/derive-margin-phase-rule.py " + " ".join(shlex.quote(x) for x in sys.argv[1:])},
    }
    if a.note:
        rule["provenance"]["note"] = a.note
    try:
        with open(a.out, "x") as f:
            json.dump(rule, f, indent=1)
            f.write("\n")
    except FileExistsError:
        sys.exit(f"{a.out}: exists; not overwritten")


if __name__ == "__main__":
    main()
