using System.CommandLine;
using System.CommandLine.Parsing;
using System.Collections.Immutable;
using Neuro.Rules;
using Neuro.Rules.Connectome;
using Neuro.Rules.Foraging;
using Neuro.Rules.Json;

namespace Neuro.Cli.Foraging;

/// <summary>
/// The options only <c>--task foraging</c> uses, added to <c>simulate</c> and <c>evolve</c>, and the checks that keep
/// foraging runs and the other tasks' options apart (reading other options by name, so the verbs need only one line each).
/// </summary>
internal static class ForagingOptions
{
    /// <summary><c>--evaluations N</c> (evolve).</summary>
    internal const string Evaluations = "--evaluations";

    /// <summary><c>--genes N</c> (evolve).</summary>
    internal const string Genes = "--genes";

    /// <summary><c>--patterns LIST</c>.</summary>
    internal const string Patterns = "--patterns";

    /// <summary><c>--sensing MODE</c>.</summary>
    internal const string Sensing = "--sensing";

    /// <summary><c>--plot FILE.png</c> (simulate).</summary>
    internal const string Plot = "--plot";

    /// <summary>The options of the other verbs' code that a foraging run reads; anything else given with <c>--task foraging</c> is an error.</summary>
    private static readonly ImmutableArray<string> Shared = ["--task", "--data", "--seed", "--json", "--rule", "--algorithm", "--population", "--sigma", "--out", "--resume", "--threads"];

    /// <summary>Adds <c>--patterns</c>, <c>--sensing</c> and <c>--plot</c> to <c>simulate</c>.</summary>
    internal static void AddToSimulate(Command command)
    {
        command.Options.Add(PatternsOption());
        command.Options.Add(SensingOption());
        command.Options.Add(new Option<string?>(Plot) { Description = "foraging: draw each lifetime's trajectory and the food into a PNG", HelpName = "FILE.png" });
    }

    /// <summary>Adds <c>--evaluations</c>, <c>--genes</c>, <c>--patterns</c> and <c>--sensing</c> to <c>evolve</c>.</summary>
    internal static void AddToEvolve(Command command)
    {
        command.Options.Add(new Option<long?>(Evaluations) { Description = "foraging: total fitness evaluations of the run, validation included (with --resume: the new total); default 2000", HelpName = "N" });
        command.Options.Add(new Option<int?>(Genes)
        {
            Description = $"foraging: search only N weights drawn at random from --seed, the rest biological (default: all; cmaes: {ForagingSearch.DefaultCmaGenes})",
            HelpName = "N",
        });
        command.Options.Add(PatternsOption());
        command.Options.Add(SensingOption());
    }

    /// <summary>
    /// True when the command line asks for the foraging task: <c>--task foraging</c>, or no <c>--task</c> and a
    /// <c>--rule</c> file whose header (<see cref="RuleFileHeader"/>) names the <c>connectome</c> family.
    /// </summary>
    internal static bool IsForaging(ParseResult result)
    {
        if (Given(result).Contains("--task"))
        {
            return result.GetValue<string?>("--task") == ForagingTask.Name;
        }

        return RuleFamily(result) == ConnectomeRuleFile.Family;
    }

    /// <summary>The family of the <c>--rule</c> file, or null without one or when its header cannot be read (its family's reader reports why).</summary>
    private static string? RuleFamily(ParseResult result)
    {
        if (!result.CommandResult.Command.Options.Any(o => o.Name == "--rule") || result.GetValue<string?>("--rule") is not { } path)
        {
            return null;
        }

        try
        {
            return RuleFileHeader.Read(path).Family;
        }
        catch (JsonInputException)
        {
            return null;
        }
    }

    /// <summary>Throws when a foraging-only option is given to another task.</summary>
    internal static void RejectOutsideForaging(ParseResult result)
    {
        var given = Given(result).Where(name => name is Evaluations or Genes or Patterns or Sensing or Plot).ToArray();
        if (given.Length > 0)
        {
            throw new UsageException($"{string.Join(", ", given)} apply only to --task {ForagingTask.Name}");
        }
    }

    /// <summary>Throws when an option of the other tasks is given to a foraging run.</summary>
    internal static void RejectOtherTasksOptions(ParseResult result)
    {
        var given = Given(result).Where(name => !Shared.Contains(name) && name is not (Evaluations or Genes or Patterns or Sensing or Plot)).ToArray();
        if (given.Length > 0)
        {
            throw new UsageException($"{string.Join(", ", given)} do not apply to --task {ForagingTask.Name}");
        }
    }

    /// <summary>Names of the options given explicitly on the command line.</summary>
    internal static IEnumerable<string> Given(ParseResult result) =>
        result.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit).Select(o => o.Option.Name);

    /// <summary>The patterns of <c>--patterns</c> (comma-separated names), or null when not given.</summary>
    internal static ImmutableArray<FoodPattern>? ReadPatterns(ParseResult result)
    {
        string? text = result.GetValue<string?>(Patterns);
        if (text is null)
        {
            return null;
        }

        var patterns = ImmutableArray.CreateBuilder<FoodPattern>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            patterns.Add(ParsePattern(part) ?? throw new UsageException($"{Patterns}: unknown pattern '{part}'; expected {string.Join(", ", Enum.GetNames<FoodPattern>().Select(n => n.ToLowerInvariant()))}"));
        }

        return patterns.ToImmutable();
    }

    /// <summary>The mode of <c>--sensing</c>, or null when not given.</summary>
    internal static SensingMode? ReadSensing(ParseResult result) => result.GetValue<string?>(Sensing) switch
    {
        null => null,
        "presence" => SensingMode.Presence,
        "lateral" => SensingMode.Lateral,
        var other => throw new UsageException($"{Sensing}: expected presence or lateral, not '{other}'"),
    };

    /// <summary>A pattern by its lower-case name, or null.</summary>
    internal static FoodPattern? ParsePattern(string name) =>
        Enum.GetValues<FoodPattern>().Select(p => (FoodPattern?)p).FirstOrDefault(p => Name(p!.Value) == name);

    /// <summary>The lower-case name of a pattern, as the options and rule files write it.</summary>
    internal static string Name(FoodPattern pattern) => pattern.ToString().ToLowerInvariant();

    /// <summary>The lower-case name of a sensing mode.</summary>
    internal static string Name(SensingMode mode) => mode.ToString().ToLowerInvariant();

    private static Option<string?> PatternsOption() => new(Patterns)
    {
        Description = "foraging: food patterns, one lifetime each, rewards summed: random, grid, clusters, square, circle, triangle, comma-separated (default square,triangle)",
        HelpName = "LIST",
    };

    private static Option<string?> SensingOption() => new(Sensing)
    {
        Description = "foraging: presence (the paper's: every food neuron when any food is near) or lateral (left or right food neurons by the food's side)",
        HelpName = "MODE",
    };
}
