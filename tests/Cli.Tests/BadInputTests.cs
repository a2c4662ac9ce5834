using Xunit;

namespace Neuro.Cli;

/// <summary>
/// Bad input across the verbs (DESIGN.md §7): each case must exit with code 2, print nothing on stdout and exactly one
/// line <c>neuro: error: …</c> on stderr that names the problem, and leave every file of the workspace (inputs and would-be
/// outputs alike) as it was: nothing created, changed or removed.
/// </summary>
public sealed class BadInputTests(BadInputWorkspace workspace, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<BadInputWorkspace>
{
    private const string Synthetic = "--task synthetic --hidden 8 --cap 4 --limit 200";
    private const string Csv = "--train {ws}/csv/train.csv --test {ws}/csv/test.csv --hidden 6 --cap 3";
    private const string Sim = "simulate --rule {ws}/rule.json";
    private const string Evolve = "evolve " + Synthetic + " --generations 1 --population 4 --batches 1 --batch-size 20";
    private const string EvolveBare = "evolve " + Synthetic;
    private const string Sweep = "sweep --rule {ws}/rule.json " + Synthetic;
    private const string Export = "export --rule {ws}/rule.json --hidden 6 --cap 3 --samples 4";

    /// <summary>(command line with <c>{ws}</c> for the workspace, a fragment the error line must contain).</summary>
    public static TheoryData<string, string> Cases { get; } = new()
    {
        // The command line itself.
        { "", "Required command was not provided" },
        { "frobnicate", "Unrecognized command or argument 'frobnicate'" },
        { "simulate --bogus", "Unrecognized command or argument '--bogus'" },
        { "simulate --passes many", "Cannot parse argument 'many' for option '--passes' as an integer" },
        { "evolve " + Synthetic, "--out DIR is required" },

        // simulate: flags.
        { "simulate " + Synthetic, "--rule FILE is required" },
        { "simulate --rule {ws}/missing.json " + Synthetic, "{ws}/missing.json: file not found" },
        { Sim + " --task nope", "Unknown task 'nope'" },
        { Sim, "Name the data: --task synthetic|halfspace|mnist|fashion" },
        { Sim + " " + Synthetic + " --seed -5", "--seed must be 0 or more, not -5" },
        { Sim + " " + Synthetic + " --data-seed -1", "--data-seed must be 0 or more, not -1" },
        { Sim + " " + Synthetic + " --class-sep 0", "ClassSep must be finite and above 0, not 0" },
        { Sim + " " + Synthetic + " --clusters-per-class 0", "ClustersPerClass must be at least 1, not 0" },
        { Sim + " --task halfspace --class-sep 2", "--clusters-per-class and --class-sep vary the synthetic task's generator; --task halfspace has none" },
        { Sim + " --task synthetic --hidden 0", "--hidden must be 1..16384, not 0" },
        { Sim + " --task synthetic --hidden 1000000", "--hidden must be 1..16384, not 1000000" },
        { Sim + " --task synthetic --cap 0", "--cap must be at least 1, not 0" },
        { Sim + " --task synthetic --cap 99", "Cap must be 1..Hidden (20), not 99" },
        { Sim + " --task synthetic --p 1.5", "EdgeProbability must be in [0, 1], not 1.5" },
        { Sim + " " + Synthetic + " --passes 0", "--passes must be at least 1, not 0" },
        { Sim + " --task synthetic --limit 0", "--limit must be at least 1, not 0" },
        { Sim + " " + Synthetic + " --backend gpu", "Unknown --backend 'gpu'; expected cpu or opencl" },
        { Sim + " " + Synthetic + " --device 0", "--device selects an OpenCL device; it needs --backend opencl" },
        { Sim + " " + Synthetic + " --backend opencl", "--backend opencl runs the fixed-point model; give --precision" },
        { Sim + " " + Synthetic + " --device -1 --backend opencl --precision default", "--device must be 0 or more, not -1" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/grouped-narrow.json", "grouped-narrow.json: outputWeight: must be at least ruleEntry's 8 bits wide" },
        { Sim + " " + Synthetic + " --ridge-readout --precision default", "--ridge-readout runs on the float reference only" },
        { Sim + " --task mnist", "--task mnist needs --data DIR" },
        { Sim + " --task fashion --data {ws}/nowhere", "Could not find a part of the path '{ws}/nowhere/train-labels-idx1-ubyte.gz'" },
        { Sim + " --task csv", "--task csv needs --train A.csv and --test B.csv" },
        { Sim + " --task idx", "--task idx needs --train-idx IMAGES LABELS and --test-idx IMAGES LABELS" },
        { Sim + " " + Synthetic + " --header maybe", "Argument 'maybe' not recognized. Must be one of" },

        // simulate: data files.
        { Sim + " --train {ws}/csv/empty.csv --test {ws}/csv/test.csv", "{ws}/csv/empty.csv: is empty" },
        { Sim + " --train {ws}/csv/header-only.csv --test {ws}/csv/test.csv", "{ws}/csv/header-only.csv: has a header but no data lines" },
        { Sim + " --train {ws}/csv/mixed-first-line.csv --test {ws}/csv/test.csv", "mixed-first-line.csv:1: has 2 numeric and 1 non-numeric fields" },
        { Sim + " --train {ws}/csv/label-negative.csv --test {ws}/csv/test.csv", "label-negative.csv:2: label '-1' is negative" },
        { Sim + " --train {ws}/csv/label-fraction.csv --test {ws}/csv/test.csv", "label-fraction.csv:2: label '3.5' is not an integer" },
        { Sim + " --train {ws}/csv/label-huge.csv --test {ws}/csv/test.csv", "label-huge.csv:2: label '1e9' is above the largest class a dataset may have (65535)" },
        { Sim + " --train {ws}/csv/feature-nan.csv --test {ws}/csv/test.csv", "feature-nan.csv:2: feature 1 'NaN' is not finite" },
        { Sim + " --train {ws}/csv/feature-text.csv --test {ws}/csv/test.csv", "feature-text.csv:2: feature 1 'abc' is not a number" },
        { Sim + " --train {ws}/csv/feature-overflow.csv --test {ws}/csv/test.csv", "feature-overflow.csv:2: feature 1 '1e999' is not finite" },
        { Sim + " --train {ws}/csv/ragged.csv --test {ws}/csv/test.csv", "ragged.csv:2: found 4 fields separated by ',' but line 1 has 3" },
        { Sim + " --train {ws}/csv/one-field.csv --test {ws}/csv/test.csv", "one-field.csv:1: found 1 field" },
        { Sim + " --train {ws}/csv/bad-utf8.csv --test {ws}/csv/test.csv", "bad-utf8.csv: is not valid UTF-8 text" },
        { Sim + " --train {ws}/csv/train.csv --test {ws}/csv/test.csv --header no", "train.csv:1: feature 1 'x1' is not a number" },
        { Sim + " --train {ws}/csv/train.csv --test {ws}/csv/two-features.csv", "The training set has 3 features but the test set has 2" },
        { Sim + " --train {ws}/csv/test.csv --test {ws}/csv/label-5.csv --hidden 6 --cap 3", "label-5.csv:2: label 5 is not below the 2 classes given" },
        { Sim + " --train {ws}/csv/missing.csv --test {ws}/csv/test.csv", "Could not find file '{ws}/csv/missing.csv'" },
        { Sim + " --train-idx {ws}/idx/bad-magic {ws}/idx/labels --test-idx {ws}/idx/bad-magic {ws}/idx/labels", "bad-magic: magic number 0x00000909 is not 0x00000803" },
        { Sim + " --train-idx {ws}/idx/images-truncated {ws}/idx/labels --test-idx {ws}/idx/images-truncated {ws}/idx/labels", "images-truncated: is truncated" },
        { Sim + " --train-idx {ws}/idx/images-truncated {ws}/idx/labels-huge --test-idx {ws}/idx/images-truncated {ws}/idx/labels", "labels-huge: promises 2147483647 labels, more than the 268435456 a dataset may hold" },
        { Sim + " --train-idx {ws}/idx/labels --test-idx {ws}/idx/labels {ws}/idx/labels", "Required argument missing for option: '--train-idx'" },

        // simulate: precision configs (StrictJson: file and JSON path named).
        { Sim + " " + Synthetic + " --precision {ws}/precision/none.json", "--precision: '{ws}/precision/none.json' is neither 'default' nor an existing precision config file" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/unknown-member.json", "--precision: {ws}/precision/unknown-member.json: bias: unknown member; expected one of input, weight, activation, ruleEntry" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/duplicate.json", "duplicate.json: weight: appears twice" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/missing.json", "missing.json: ruleEntry: missing; expected a type such as" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/number.json", "number.json: ruleEntry: expected a string, not 8" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/null.json", "null.json: ruleEntry: must not be null" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/truncated.json", "truncated.json: ruleEntry: malformed JSON at line 1" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/array.json", "array.json: $: expected an object" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/empty.json", "empty.json: $: malformed JSON at line 1, byte 1" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/bad-type.json", "bad-type.json: ruleEntry: 'ap_fixed<8>' needs at least a width and integer bits" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/inconsistent.json", "inconsistent.json: ruleEntry: must have the weight's 12 fractional bits" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/deep.json", "deep.json: input: expected a string, not [[[" },
        { Sim + " " + Synthetic + " --precision {ws}/precision/bad-utf8.json", "bad-utf8.json: $: is not valid UTF-8" },
        { Sim + " " + Synthetic + " --weight-type sQ4", "--weight-type: 'sQ4' is not a format" },
        { Sim + " " + Synthetic + " --entry-type sQ8.8", "ruleEntry: must have the weight's 12 fractional bits" },

        // Rule files, both formats (the neuro-rule/2 reader: StrictJson, paths named).
        { "simulate --rule {ws}/rules/nan.json " + Synthetic, "nan.json: hidden[0]: NaN is not a finite number" },
        { "simulate --rule {ws}/rules/duplicate.json " + Synthetic, "duplicate.json: eta: appears twice" },
        { "simulate --rule {ws}/rules/unknown.json " + Synthetic, "unknown.json: colour: unknown member" },
        { "simulate --rule {ws}/rules/eta-overflow.json " + Synthetic, "eta-overflow.json: eta: 1e999 is not a finite number" },
        { "simulate --rule {ws}/rules/truncated.json " + Synthetic, "truncated.json: eta: malformed JSON at line 1" },
        { "simulate --rule {ws}/rules/deep.json " + Synthetic, "deep.json: provenance.x: nested deeper than 64 levels" },
        { "simulate --rule {ws}/rules/bad-utf8.json " + Synthetic, "bad-utf8.json: is not valid UTF-8" },
        { "simulate --rule {ws}/rules/short-table.json " + Synthetic, "short-table.json: hidden: must have 256 entries for this number of rounds, not 10" },
        { "simulate --rule {ws}/rules/v2-format-9.json " + Synthetic, "v2-format-9.json: format: unknown format 'neuro-rule/9'" },
        { "simulate --rule {ws}/rules/v2-unknown-signal.json " + Synthetic, "v2-unknown-signal.json: tables[2].fields[2].signal: expected one of preHistory" },
        { "simulate --rule {ws}/rules/v2-mode.json " + Synthetic, "v2-mode.json: tables[0].mode: expected one of add, multiply, write, not \"divide\"" },
        { "simulate --rule {ws}/rules/v2-entries.json " + Synthetic, "v2-entries.json: tables[1].entries: must have 16 entries" },
        { "simulate --rule {ws}/rules/v2-bits.json " + Synthetic, "v2-bits.json: tables[0].fields[0]: Field 'preHistory' must have 1..16 bits, not 40" },
        { "export --rule {ws}/rules/nan.json --out {ws}/new --hidden 6 --cap 3", "nan.json: hidden[0]: NaN is not a finite number" },
        { "inspect {ws}/rules/duplicate.json", "duplicate.json: eta: appears twice" },

        // Rules that parse but are absurd.
        { "simulate --rule {ws}/rules/overflowing-step.json " + Synthetic, "overflowing-step.json: hidden[17]: eta·entry = 1E+300 × 1E+10 overflows to infinity" },
        { "simulate --rule {ws}/rules/huge-step.json " + Synthetic, "huge-step.json: hidden[3]: eta·entry = 0.01 × 1E+30 = 1E+28 is beyond ±2^64" },

        // evolve.
        { Evolve + " --out ''", "--out: '' is not a folder name" },
        { Evolve + " --out {ws}/afile", "--out: '{ws}/afile' is a file, not a folder" },
        { Evolve + " --out /proc/neuro-run", "--out: cannot write '/proc/neuro-run'" },
        { Evolve + " --out {ws}/foreign", "--out: '{ws}/foreign' is not empty and was not written by 'neuro evolve'; choose another --out, or pass --force to replace it" },
        { Evolve + " --out {ws}/run", "--out: '{ws}/run' already holds a 'neuro evolve' run; choose another --out, or pass --force" },
        { EvolveBare + " --out {ws}/new --generations 0", "--generations must be at least 1, not 0" },
        { Evolve + " --out {ws}/new --threads -4", "--threads must be 0 or more, not -4" },
        { EvolveBare + " --out {ws}/new --population 0", "--population must be at least 1, not 0" },
        { Evolve + " --out {ws}/new --algorithm simplex", "Unknown --algorithm 'simplex'; expected one of" },
        { Evolve + " --out {ws}/new --fitness vibes", "Unknown --fitness 'vibes'; expected joosten or holdout" },
        { Evolve + " --out {ws}/new --rounds 9", "--rounds must be 0..7, not 9" },
        { Evolve + " --out {ws}/new --eta 0", "--eta a finite positive number" },
        { Evolve + " --out {ws}/new --sigma -1", "Sigma must be positive and finite, not -1" },
        { Evolve + " --out {ws}/new --learning-rate 0", "LearningRate must be positive and finite, not 0" },
        { Evolve + " --out {ws}/new --lifetime 0 --fitness holdout", "--lifetime must be at least 1, not 0" },
        { Evolve + " --out {ws}/new --holdout 0 --fitness holdout", "--holdout must be at least 1, not 0" },
        { EvolveBare + " --out {ws}/new --batches 0", "--batches must be at least 1, not 0" },
        { EvolveBare + " --out {ws}/new --batch-size 0", "--batch-size must be at least 1, not 0" },
        { Evolve + " --out {ws}/new --datasets 0", "--datasets must be at least 1, not 0" },
        { "evolve " + Csv + " --generations 1 --out {ws}/new --fitness holdout --datasets 3", "--datasets above 1 needs a generated task" },
        { Evolve + " --out {ws}/new --init {ws}/missing.json", "{ws}/missing.json: file not found" },
        { Evolve + " --out {ws}/new --init {ws}/rules/two-rounds.json", "--init {ws}/rules/two-rounds.json has 2 rounds" },
        { Evolve.Replace("--batch-size 20", "--batch-size 100000", StringComparison.Ordinal) + " --out {ws}/new", "must be 1..200 (the training set), not 100000" },

        // continual evolve: the same output-folder contract as evolve (refused before any data are read).
        { "continual evolve --data {ws} --out {ws}/foreign", "--out: '{ws}/foreign' is not empty and was not written by 'neuro continual evolve'; choose another --out, or pass --force to replace it" },
        { "continual evolve --data {ws} --out {ws}/run", "--out: '{ws}/run' is not empty and was not written by 'neuro continual evolve'" },
        { "continual evolve --data {ws} --out {ws}/rule.json", "--out: '{ws}/rule.json' is a file" },
        { "continual evolve --data {ws} --out {ws}/new --seed -5", "--seed must be 0 or more, not -5" },
        { "continual evolve --data {ws} --out {ws}/new --threads -4", "--threads must be 0 or more, not -4" },
        { "continual evolve --out {ws}/run --resume --force", "--force starts a new run over the folder; it cannot be combined with --resume" },
        { "continual evolve --out {ws}/new --resume", "Cannot resume from '{ws}/new': it holds no checkpoint.json" },
        { "continual evolve --out {ws}/run --resume", "{ws}/run/checkpoint.json: config: " },
        { "continual --data {ws} --baseline sgd --plot {ws}/rule.json/m.png", "--plot: cannot write '{ws}/rule.json/m.png': '{ws}/rule.json' is a file, not a folder" },
        { "continual --data {ws} --baseline sgd --seed -1", "--seed must be 0 or more, not -1" },
        { Evolve + " --out {ws}/new --precision {ws}/precision/narrow-activation.json", "--precision: activation: ap_fixed<8,2,AP_RND_CONV,AP_SAT_SYM> cannot hold the worst-case accumulated sum" },
        { "evolve --out {ws}/nothing --resume", "Cannot resume from '{ws}/nothing': it holds no checkpoint.json" },
        { "evolve --out {ws}/foreign --resume", "Cannot resume from '{ws}/foreign': it holds no checkpoint.json" },
        { "evolve --out {ws}/run --resume --force", "--force starts a new run over the folder; it cannot be combined with --resume" },
        { "evolve --out {ws}/run --resume --hidden 30", "--hidden cannot be changed on --resume" },
        { "evolve --out {ws}/run --resume --generations 2 --seed 4", "--seed cannot be changed on --resume" },
        { "evolve --out {ws}/run-unknown-member --resume --generations 2", "checkpoint.json: extra: unknown member; expected one of version, generation" },
        { "evolve --out {ws}/run-duplicate --resume --generations 2", "checkpoint.json: version: appears twice" },
        { "evolve --out {ws}/run-version --resume --generations 2", "checkpoint.json: version: checkpoint version 7 is not supported" },
        { "evolve --out {ws}/run-truncated --resume --generations 2", "Cannot resume from '{ws}/run-truncated': {ws}/run-truncated/checkpoint.json: optimizerState: malformed JSON" },
        { "evolve --out {ws}/run-nan --resume --generations 2", "checkpoint.json: bestGenes[0]: NaN is not a finite number" },
        { "evolve --out {ws}/run-missing-genes --resume --generations 2", "checkpoint.json: required member 'bestGenes' is missing" },
        { "evolve --out {ws}/run-bad-config --resume --generations 2", "checkpoint.json: config: colour: unknown member" },
        { "evolve --out {ws}/run-bad-state --resume --generations 2", "{ws}/run-bad-state/checkpoint.json: optimizerState: Optimizer state for 'es' is malformed at $.dimension: Duplicate property 'dimension'" },

        // quantize.
        { "quantize " + Synthetic, "--rule FILE is required" },
        { "quantize --rule {ws}/rule.json " + Synthetic + " --plot /proc/q.png", "--plot: cannot write '/proc/q.png': files cannot be created in '/proc'" },
        { "quantize --rule {ws}/rule.json " + Synthetic + " --plot {ws}/foreign", "--plot: '{ws}/foreign' is a folder, not a file" },
        { "quantize --rule {ws}/rule.json " + Synthetic + " --plot {ws}/afile/q.png", "--plot: cannot write '{ws}/afile/q.png': '{ws}/afile' is a file, not a folder" },
        { "quantize --rule {ws}/rule.json " + Synthetic + " --passes 0", "--passes must be at least 1, not 0" },
        { "quantize --rule {ws}/rule.json " + Synthetic + " --precision {ws}/precision/duplicate.json", "duplicate.json: weight: appears twice" },

        // sweep.
        { "sweep " + Synthetic + " --out {ws}/new", "--rule FILE is required" },
        { Sweep + " --entry-bits 9..3 --out {ws}/new", "--entry-bits: the range 9..3 is empty" },
        { Sweep + " --weight-bits 0..8 --out {ws}/new", "--weight-bits: bit widths must be 1..64, not 0..8" },
        { Sweep + " --entry-bits two --out {ws}/new", "--entry-bits: 'two' is not a range of bit widths" },
        { Sweep + " --budget -1 --out {ws}/new", "--budget must be at least 0 percentage points, not -1" },
        { Sweep + " --precision {ws}/precision/grouped.json --out {ws}/new", "neuro sweep varies the one weight type; this precision config gives a synapse group its own" },
        { Sweep + " --passes 0 --out {ws}/new", "--passes must be at least 1, not 0" },
        { Sweep + " --threads -1 --out {ws}/new", "--threads must be 0 or more, not -1" },
        { Sweep + " --entry-bits 9..10 --weight-bits 4..6 --out {ws}/new", "every cell of --entry-bits 9..10 × --weight-bits 4..6 is invalid" },
        { Sweep + " --entry-bits 4 --weight-bits 8 --out {ws}/afile", "--out: '{ws}/afile' is a file, not a folder" },
        { Sweep + " --entry-bits 4 --weight-bits 8 --out /proc/neuro-sweep", "--out: cannot write '/proc/neuro-sweep'" },
        { Sweep + " --entry-bits 4 --weight-bits 8 --out {ws}/foreign", "--out: '{ws}/foreign' is not empty and was not written by 'neuro sweep'" },
        { Sweep + " --entry-bits 4 --weight-bits 8 --out {ws}/hw", "--out: '{ws}/hw' is not empty and was not written by 'neuro sweep'" },
        { Sweep + " --entry-bits 4 --weight-bits 8 --out {ws}/new --precision {ws}/precision/missing.json", "missing.json: ruleEntry: missing" },

        // export.
        { "export --out {ws}/new", "--rule FILE is required" },
        { Export, "--out DIR is required" },
        { Export + " --out {ws}/afile", "--out: '{ws}/afile' is a file, not a folder" },
        { Export + " --out {ws}/foreign", "--out: '{ws}/foreign' is not empty and was not written by 'neuro export'" },
        { Export + " --out {ws}/run", "--out: '{ws}/run' is not empty and was not written by 'neuro export'" },
        { Export + " --out /proc/neuro-hw", "--out: cannot write '/proc/neuro-hw'" },
        { Export + " --out {ws}/new --name wire", "'wire' is not a safe Verilog module name: it is a Verilog/SystemVerilog keyword" },
        { Export + " --out {ws}/new --name x;rm", "'x;rm' is not a safe Verilog module name" },
        { "export --rule {ws}/rule.json --hidden 6 --cap 3 --out {ws}/new --samples 0", "--samples must be at least 1, not 0" },
        { Export + " --out {ws}/new --vector-seed -1", "--vector-seed must be 0 or more, not -1" },
        { "export --rule {ws}/rules/multiplicative.json --out {ws}/new --hidden 6 --cap 3", "The rule is multiplicative" },
        { "export --rule {ws}/rules/tiny-eta.json --out {ws}/new --hidden 6 --cap 3", "every rule-ROM word is zero at ruleEntry ap_fixed<8,-4,AP_RND_CONV,AP_SAT>" },
        { Export + " --out {ws}/new --precision {ws}/precision/grouped-width.json", "gives a synapse group the weight type ap_fixed<12,0,AP_TRN,AP_WRAP>; the RTL keeps every weight in one memory width with one overflow mode" },
        { Export + " --out {ws}/new --precision {ws}/precision/coarse.json", "every rule-ROM word is zero at ruleEntry ap_fixed<4,0,AP_RND_CONV,AP_SAT>" },
        { Export + " --out {ws}/new --precision {ws}/precision/unknown-member.json", "unknown-member.json: bias: unknown member" },

        // cosim and synth: the manifest and the files it vouches for.
        { "cosim {ws}/missing-folder", "Export folder '{ws}/missing-folder' does not exist" },
        { "cosim {ws}/foreign", "'{ws}/foreign' has no manifest.json; it is not a 'neuro export' folder" },
        { "cosim {ws}/hw-no-manifest", "has no manifest.json" },
        { "cosim {ws}/hw-not-json", "{ws}/hw-not-json/manifest.json: malformed JSON at line 1, byte 3" },
        { "cosim {ws}/hw-no-modules", "{ws}/hw-no-modules/manifest.json: required member 'modules' is missing" },
        { "cosim {ws}/hw-format-9", "format: 'neuro-hardware-export/9' is not supported; this neuro reads neuro-hardware-export/1" },
        { "cosim {ws}/hw-duplicate-tb", "testbenches[1].module: 'neuro_plasticity_unit_tb' appears twice (also testbenches[0])" },
        { "cosim {ws}/hw-unknown-key", "colour: unknown member" },
        { "cosim {ws}/hw-deep", "hw-deep/manifest.json: update: nested deeper than 64 levels" },
        { "cosim {ws}/hw-bad-sha", "files[0].sha256: 'abc' is not 64 lower-case hex digits" },
        { "cosim {ws}/hw-unsafe-path", "files[0].path: '../../etc/passwd' is not a safe relative path inside the export folder" },
        { "cosim {ws}/hw-edited-rtl", "'rtl/neuro_engine.v' in '{ws}/hw-edited-rtl' does not match its SHA-256 in manifest.json (changed after the export); export again" },
        { "cosim {ws}/hw --simulator modelsim", "Argument 'modelsim' not recognized" },
        { "synth {ws}/hw-edited-rtl", "'rtl/neuro_engine.v' in '{ws}/hw-edited-rtl' does not match its SHA-256 in manifest.json (changed after the export); export again" },
        { "synth {ws}/hw-format-9", "format: 'neuro-hardware-export/9' is not supported" },
        { "synth {ws}/hw-no-modules", "required member 'modules' is missing" },
        { "synth {ws}/hw --freq 0", "--freq must be positive, not 0" },
        { "synth {ws}/hw --target asic", "Argument 'asic' not recognized" },
        { "synth {ws}/hw --target ice40 --device lp384", "Unknown iCE40 device 'lp384'" },

        // demo.
        { "demo --seed -1 --out {ws}/new", "--seed must be 0 or more, not -1" },
        { "demo --out {ws}/afile", "--out: '{ws}/afile' is a file, not a folder" },
        { "demo --out {ws}/foreign", "--out: '{ws}/foreign' is not empty and was not written by 'neuro demo'" },
        { "demo --out /proc/neuro-demo", "--out: cannot write '/proc/neuro-demo'" },
        { "demo --out ''", "--out: '' is not a folder name" },

        // fixed.
        { "fixed --format sQ4 1.5", "--format: 'sQ4' is not a format" },
        { "fixed --format sQ4.12 abc", "--rounding is required" },
        { "fixed --format sQ4.12 --rounding RndConv --overflow Sat abc", "'abc' is not a decimal number" },
        { "fixed --format sQ4.12 --rounding Nearest --overflow Sat 1", "--rounding: Unknown rounding mode 'Nearest'" },
        { "fixed --format sQ4.12 --rounding RndConv --overflow Sat --in {ws}/none.txt", "--in '{ws}/none.txt'" },
        { "devices --bogus", "Unrecognized command or argument '--bogus'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_ExitsTwoWithOneLineAndTouchesNothing(string commandLine, string fragment)
    {
        var before = workspace.Snapshot();
        string[] args = Arguments(commandLine);
        var result = NeuroRunner.Run(args);
        output.WriteLine(result.Stderr);
        string line = result.SingleErrorLine(2);
        Assert.Contains(fragment.Replace("{ws}", workspace.Root, StringComparison.Ordinal), line, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Neuro.", line, StringComparison.Ordinal);
        Assert.Equal(before, workspace.Snapshot());
    }

    [Fact]
    public void Cases_AtLeastOneHundred() => Assert.True(Cases.Count >= 100, $"{Cases.Count} cases");

    /// <summary>Splits a case's command line on spaces (no case needs a space inside an argument; <c>''</c> is the empty argument).</summary>
    private string[] Arguments(string commandLine) =>
        [.. commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a == "''" ? "" : a.Replace("{ws}", workspace.Root, StringComparison.Ordinal))];
}
