using System.Globalization;
using System.Text;
using System.Text.Json;
using Neuro.FixedPointSim.Patterns;

namespace Neuro.Cli;

/// <summary>
/// What <c>neuro demo</c> found, and its two renderings: <c>report.md</c> (one page: numbers, the plots, the
/// co-simulation verdict, the synthesis figures, and the command that redoes each stage) and the text summary on stdout.
/// The verbs' <c>--json</c> documents are kept as they came.
/// </summary>
internal sealed record DemoReport(
    int Seed,
    string Out,
    int Generations,
    int Population,
    JsonElement Evolve,
    JsonElement StartFloat,
    JsonElement StartFixed,
    JsonElement FinalFloat,
    JsonElement FinalFixed,
    double LifetimeFloatTest,
    double LifetimeFixedTest,
    IReadOnlyList<double> WeightErrors,
    int RomWords,
    JsonElement Quantize,
    JsonElement Sweep,
    JsonElement Export,
    JsonElement? Cosim,
    JsonElement? Synth,
    IReadOnlyList<(string Stage, string Command)> Commands,
    IReadOnlyList<string> Skipped,
    PrecisionConfig Precision,
    double Seconds)
{
    /// <summary>RMS of <see cref="WeightErrors"/>.</summary>
    internal double WeightErrorRms => WeightErrors.Count == 0 ? 0 : Math.Sqrt(WeightErrors.Average(e => e * e));

    private static double Test(JsonElement simulate) => simulate.GetProperty("testAccuracy").GetDouble();

    /// <summary>The report: one page of Markdown, links relative to the output folder.</summary>
    internal string Markdown()
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        double startFixed = Test(StartFixed), finalFixed = Test(FinalFixed), startFloat = Test(StartFloat), finalFloat = Test(FinalFloat);
        Line($"# Neuro demo (seed {Seed})");
        Line($"");
        Line($"A plasticity rule, refined by evolution at the hardware's precision, learns Joosten's synthetic 4-class task online");
        Line($"(4,000 training samples seen once, 1,000 test samples; chance 25 %) on a 100-neuron network, in float and in bit-accurate");
        Line($"fixed point, and becomes Verilog that matches the fixed-point model bit for bit. Every number below comes from the");
        Line($"command listed at the end, which redoes that stage alone.");
        Line($"");
        Line($"| rule | float test accuracy | fixed-point test accuracy |");
        Line($"|---|---|---|");
        Line($"| shipped start rule (`start-rule.json`) | {Percent(startFloat)} | {Percent(startFixed)} |");
        Line($"| after {Generations} generations of evolution (`rule.json`) | **{Percent(finalFloat)}** | **{Percent(finalFixed)}** |");
        Line($"| what evolution added | {Points(finalFloat - startFloat)} | {Points(finalFixed - startFixed)} |");
        Line($"");
        Line($"Precision (`precision.json`): weight `{Precision.Weight}`, rule-ROM word `{Precision.RuleEntry}`, activation `{Precision.Activation}`, input `{Precision.Input}`.");
        Line($"");
        Line($"## Learning over the lifetime");
        Line($"");
        Line($"![accuracy over the lifetime](lifetime.png)");
        Line($"");
        Line($"Online accuracy over the last 250 samples as the network learns (float and fixed point), and the test accuracy after the lifetime");
        Line($"(dashed: {Percent(LifetimeFloatTest)} and {Percent(LifetimeFixedTest)}, the same lifetimes as the simulate stage's).");
        Line($"Evolution ({Generations} generations of {Population}, fitness = test accuracy of a 1,000-sample lifetime in fixed point): best validation fitness");
        Line($"{Evolve.GetProperty("bestFitness").GetDouble():F4} in generation {Evolve.GetProperty("bestGeneration").GetInt32()}; per-generation log in [evolve/log.csv](evolve/log.csv).");
        Line($"");
        Line($"## Quantization");
        Line($"");
        Line($"![weight error](weight-error.png) ![ROM words](rom-words.png)");
        Line($"");
        var tables = Quantize.GetProperty("tables");
        var hidden = tables.GetProperty("hidden");
        Line($"The rule ROM holds {RomWords} words `eta·table[i]` in the weight's LSB scale; the hidden table's words are off by at most");
        Line($"{hidden.GetProperty("maxAbsErrorLsb").GetDouble():G3} LSB ({hidden.GetProperty("saturated").GetInt32()} saturated, {hidden.GetProperty("zeroed").GetInt32()} zeroed).");
        Line($"After the same lifetime the plastic weights differ from the float reference by {WeightErrorRms:G3} RMS ({WeightErrors.Count} weights;");
        Line($"one weight LSB is {Math.ScaleB(1, -Precision.Weight.Format.FracBits):G3});");
        Line($"the two networks predicted the same class on {Percent(Quantize.GetProperty("agreement").GetProperty("predictions").GetDouble())} of the training samples.");
        Line($"More in [quantize.png](quantize.png).");
        Line($"");
        Line($"## Width sweep");
        Line($"");
        Line($"![width sweep](sweep/sweep.png)");
        Line($"");
        if (Sweep.GetProperty("smallest") is { ValueKind: JsonValueKind.Object } smallest)
        {
            Line($"Test accuracy over rule-ROM word width × weight width (1,000 training samples). The smallest formats within 2 points of");
            Line($"the float reference: rule entry `{smallest.GetProperty("ruleEntry").GetString()}`, weight `{smallest.GetProperty("weight").GetString()}`.");
        }
        else
        {
            Line($"Test accuracy over rule-ROM word width × weight width (1,000 training samples); no cell is within 2 points of the float reference.");
        }

        Line($"Numbers in [sweep/sweep.csv](sweep/sweep.csv).");
        Line($"");
        Line($"## Hardware");
        Line($"");
        Line($"[hw/](hw/): rule-ROM images (`.mem`, `.coe`, `.mif`, `.bin`), Verilog-2001 (ROM, plasticity unit, learning engine), self-checking");
        Line($"testbenches with golden vectors from the fixed-point model, and [hw/manifest.json](hw/manifest.json) with every file's sha256");
        Line($"({Export.GetProperty("files").GetArrayLength()} files; rule {Export.GetProperty("ruleHash").GetString()}).");
        Line($"");
        if (Cosim is { } cosim)
        {
            Line($"**Co-simulation (Icarus Verilog): {(cosim.GetProperty("passed").GetBoolean() ? "PASS" : "FAIL")}.**");
            Line($"");
            Line($"| testbench | result | checks | mismatches | updates/clock |");
            Line($"|---|---|---|---|---|");
            foreach (var tb in cosim.GetProperty("testbenches").EnumerateArray())
            {
                string rate = tb.TryGetProperty("updatesPerClock", out var u) ? u.GetDouble().ToString("F3", CultureInfo.InvariantCulture) : "";
                Line($"| {tb.GetProperty("module").GetString()} | {(tb.GetProperty("passed").GetBoolean() ? "PASS" : "FAIL")} | {tb.GetProperty("checks").GetInt64()} | {tb.GetProperty("mismatches").GetInt64()} | {rate} |");
            }

            Line($"");
        }

        if (Synth is { } synth)
        {
            Line($"**Synthesis (Yosys, generic 4-input LUTs)** of `{synth.GetProperty("top").GetString()}`: {synth.GetProperty("luts").GetInt64()} LUTs,");
            Line($"{synth.GetProperty("flipFlops").GetInt64()} flip-flops, {synth.GetProperty("memoryBits").GetInt64()} memory bits in {synth.GetProperty("memories").GetInt64()} memories.");
            Line($"");
        }

        foreach (string skip in Skipped)
        {
            Line($"Skipped {skip}.");
            Line($"");
        }

        Line($"## Redo each stage");
        Line($"");
        Line($"```sh");
        foreach (var (stage, command) in Commands)
        {
            Line($"{command}   # {stage}");
        }

        Line($"```");
        Line($"");
        Line($"The plots `lifetime.png`, `weight-error.png` and `rom-words.png` and this report come from the whole demo:");
        Line($"`neuro demo --seed {Seed} --out {Out} --force` ({Seconds:F0} s here). Shipped rule: `rules/synthetic-es-100hidden.json`; precision:");
        Line($"`configs/precision-w30-e12.json` (both embedded in `neuro`).");
        return md.ToString();
    }

    /// <summary>The text printed on stdout: the headline numbers and where the report is.</summary>
    internal string Summary()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"neuro demo (seed {Seed}): a shipped rule refined by {Generations} generations of evolution at {Precision.Weight} weights");
        Line($"  test accuracy   float {Percent(Test(FinalFloat))} (start {Percent(Test(StartFloat))})   fixed point {Percent(Test(FinalFixed))} (start {Percent(Test(StartFixed))}); chance 25 %");
        Line($"  quantization    {RomWords} ROM words; plastic weights {WeightErrorRms:G3} RMS from float after the lifetime");
        if (Cosim is { } cosim)
        {
            Line($"  co-simulation   Icarus Verilog: {(cosim.GetProperty("passed").GetBoolean() ? "all testbenches pass" : "FAILED")}");
        }

        if (Synth is { } synth)
        {
            Line($"  synthesis       Yosys: {synth.GetProperty("luts").GetInt64()} LUTs, {synth.GetProperty("flipFlops").GetInt64()} flip-flops, {synth.GetProperty("memoryBits").GetInt64()} memory bits");
        }

        foreach (string skip in Skipped)
        {
            Line($"  skipped         {skip}");
        }

        Line($"  report          {Path.Combine(Out, "report.md")} ({Seconds:F0} s)");
        return text.ToString();
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + " %";

    private static string Points(double delta) => (delta >= 0 ? "+" : "−") + (100 * Math.Abs(delta)).ToString("F1", CultureInfo.InvariantCulture) + " points";
}
