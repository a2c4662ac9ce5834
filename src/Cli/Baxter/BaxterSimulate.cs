using System.CommandLine;
using System.Globalization;
using Neuro.Rules.Baxter;
using Neuro.Rules.Json;
using Spectre.Console;

namespace Neuro.Cli.Baxter;

/// <summary>
/// <c>neuro simulate --rule DIR/rule.json</c> for a <c>baxter</c> learner: runs one trial per function of its task and
/// shows it learning: every step's presented activities and learnable weights, then the unclamped test.
/// <c>--plot FILE.png</c> draws the same as one panel per function.
/// </summary>
internal sealed class BaxterSimulate
{
    /// <summary>True when <see cref="Plot"/> is another family's option too (that family then judges it for its own rules).</summary>
    private bool shared;

    internal Option<string?> Plot { get; private set; } = new("--plot") { Description = "baxter rules: also draw every trial (activities and weights per step) as a PNG", HelpName = "FILE.png" };

    internal Option<string?> Function { get; } = new("--function") { Description = "baxter rules: show only this function (e.g. identity, xor)", HelpName = "NAME" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        // simulate's --plot is shared with the foraging family (src/Cli/Foraging): one option, each family draws its own PNG.
        if (command.Options.FirstOrDefault(o => o.Name == Plot.Name) is Option<string?> other)
        {
            other.Description = $"{Plot.Description}; {other.Description}";
            Plot = other;
            shared = true;
        }
        else
        {
            command.Options.Add(Plot);
        }

        command.Options.Add(Function);
    }

    /// <summary>The exit code when <paramref name="rulePath"/> is a baxter rule file, or null to let the pattern family run.</summary>
    /// <param name="result">The parse.</param>
    /// <param name="rulePath">The <c>--rule</c> value.</param>
    /// <param name="json">The <c>--json</c> option.</param>
    /// <param name="others">The pattern family's options: an error when given with a baxter rule.</param>
    internal int? TryRun(ParseResult result, string? rulePath, Option<bool> json, IReadOnlyList<Option> others)
    {
        if (!IsBaxter(rulePath))
        {
            if (result.GetResult(Function) is { Implicit: false })
            {
                throw new UsageException("--function applies only to baxter rule files");
            }

            if (!shared && result.GetResult(Plot) is { Implicit: false })
            {
                throw new UsageException("--plot applies only to baxter rule files");
            }

            return null;
        }

        if (others.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } other)
        {
            throw new UsageException($"{other.Name} does not apply to a baxter rule (its task and protocol are in {rulePath})");
        }

        BaxterRuleDocument document;
        try
        {
            document = BaxterRuleFile.Read(rulePath);
        }
        catch (JsonInputException e)
        {
            throw new UsageException(e.Message, e);
        }

        var functions = document.Task.Functions;
        if (result.GetValue(Function) is { } name)
        {
            functions = [.. functions.Where(f => f.Name == name)];
            if (functions.IsEmpty)
            {
                throw new UsageException($"--function '{name}' is not a function of {document.Task.Name}; expected one of {string.Join(", ", document.Task.Functions.Select(f => f.Name))}");
            }
        }

        var machine = new BaxterMachine(document.Learner);
        var trials = functions.Select(f => BaxterTrial.Run(machine, document.Task, f, trace: true)).ToList();
        if (result.GetValue(Plot) is { } plot)
        {
            BaxterPlot.Trials(document.Learner, trials, plot);
        }

        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue(json))
        {
            WriteJson(stdout, rulePath, document, trials);
        }
        else
        {
            WriteText(stdout, rulePath, document, trials);
        }

        return Program.Success;
    }

    /// <summary>A synapse in words: <c>x→out</c>.</summary>
    internal static string SynapseName(BaxterNetwork network, BaxterSynapse s) => $"{network.NodeName(s.Pre)}→{network.NodeName(s.Post)}";

    private static void WriteText(TextWriter stdout, string rulePath, BaxterRuleDocument document, List<BaxterTrialResult> trials)
    {
        var learner = document.Learner;
        var network = learner.Network;
        var task = document.Task;
        var console = Output.Console(stdout);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neuro simulate: {rulePath}: {network.Nodes} nodes ({network.Hidden} hidden), {network.Synapses.Length} synapses ({network.Learnable.Length} learnable), rule {learner.Rule}; task {task.Name}: {task.Epochs} epoch(s), each case held {task.Steps} step(s), then the test"));
        console.WriteLine("fixed synapses: " + string.Join(", ", network.Synapses.Where(s => !s.Learnable).Select(s => $"{SynapseName(network, s)} {Signed(s.Weight)}")));
        foreach (var trial in trials)
        {
            console.WriteLine();
            string outputs = BaxterEvolve.Signs(trial.Outputs);
            string targets = BaxterEvolve.Signs(Enumerable.Range(0, trial.Function.Cases).Select(trial.Function.Target));
            console.WriteLine($"{trial.Function.Name}: {(trial.Learned ? "learned" : "NOT learned")} (test outputs {outputs}, targets {targets})");
            var table = new Table().AddColumns("t", "phase", "input", "target");
            for (int i = 0; i < network.Nodes; i++)
            {
                table.AddColumn(network.NodeName(i));
            }

            table.AddColumn("out after");
            foreach (var s in network.Learnable)
            {
                table.AddColumn("w " + SynapseName(network, s));
            }

            foreach (var step in trial.Trace)
            {
                var cells = new List<string>
                {
                    step.Time.ToString(CultureInfo.InvariantCulture),
                    step.Training ? "train (clamped)" : "test",
                    BaxterEvolve.Signs(step.Inputs),
                    step.Training ? Signed(step.Target) : "",
                };
                cells.AddRange(step.Presented.Select(Signed));
                cells.Add(Signed(step.Activities[network.Output]));
                cells.AddRange(step.Weights.Select(Signed));
                table.AddRow([.. cells]);
            }

            console.Write(table);
        }

        console.WriteLine();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{trials.Count(t => t.Learned)} of {trials.Count} functions learned. Columns: the activities each step read (the output clamped to the target while training), the output the step computed (a test's answer is its last), then each learnable weight after the step."));
    }

    private static void WriteJson(TextWriter stdout, string rulePath, BaxterRuleDocument document, List<BaxterTrialResult> trials)
    {
        var network = document.Learner.Network;
        Output.Json(stdout, w =>
        {
            w.WriteStartObject();
            w.WriteString("rule", rulePath);
            w.WriteString("task", document.Task.Name);
            w.WriteNumber("f", document.Learner.Rule.Index);
            w.WriteString("fName", document.Learner.Rule.Name);
            w.WriteBoolean("learnedAll", trials.All(t => t.Learned));
            w.WriteNumber("fitness", BaxterEvaluator.Fraction(trials));
            w.WriteStartArray("nodes");
            for (int i = 0; i < network.Nodes; i++)
            {
                w.WriteStringValue(network.NodeName(i));
            }

            w.WriteEndArray();
            w.WriteStartArray("learnable");
            foreach (var s in network.Learnable)
            {
                w.WriteStringValue(SynapseName(network, s));
            }

            w.WriteEndArray();
            w.WriteStartArray("functions");
            foreach (var trial in trials)
            {
                w.WriteStartObject();
                w.WriteString("name", trial.Function.Name);
                w.WriteBoolean("learned", trial.Learned);
                Ints(w, "outputs", trial.Outputs);
                Ints(w, "targets", Enumerable.Range(0, trial.Function.Cases).Select(trial.Function.Target));
                w.WriteStartArray("steps");
                foreach (var step in trial.Trace)
                {
                    w.WriteStartObject();
                    w.WriteNumber("t", step.Time);
                    w.WriteBoolean("training", step.Training);
                    w.WriteNumber("case", step.Case);
                    Ints(w, "inputs", step.Inputs);
                    w.WriteNumber("target", step.Target);
                    Ints(w, "presented", step.Presented);
                    Ints(w, "activities", step.Activities);
                    Ints(w, "weights", step.Weights);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Ints(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<int> values)
    {
        w.WriteStartArray(name);
        foreach (int v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static string Signed(int value) => value > 0 ? "+1" : value < 0 ? "-1" : "0";

    /// <summary>True when <paramref name="rulePath"/> is a rule file of the baxter family; other files go to the pattern family's reader, which reports their errors.</summary>
    internal static bool IsBaxter([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? rulePath)
    {
        if (rulePath is null || !File.Exists(rulePath))
        {
            return false;
        }

        try
        {
            return BaxterRuleFile.IsBaxter(rulePath);
        }
        catch (JsonInputException)
        {
            return false;
        }
    }
}
