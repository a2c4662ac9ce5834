using System.Collections.Immutable;
using System.Text.Json;

namespace Neuro.Rules.Evolution;

/// <summary>Creates optimizers by name with default settings, and rebuilds them from <see cref="IOptimizer.SaveState"/>.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// The valid names, in the order they are listed in messages: <c>es</c>, <c>oes</c>, <c>ga</c>, <c>cmaes</c>,
    /// <c>mads</c>, <c>enomad</c>, <c>renomad</c>.
    /// </summary>
    public static ImmutableArray<string> Names { get; } =
        [OpenAiEsOptimizer.AlgorithmName, MuLambdaEsOptimizer.AlgorithmName, GeneticOptimizer.AlgorithmName, CmaEsOptimizer.AlgorithmName,
            MadsOptimizer.AlgorithmName, EnomadOptimizer.EaName, EnomadOptimizer.ReaName];

    /// <summary>
    /// A new optimizer with default settings. <paramref name="population"/>, when given, replaces the default λ (or the GA's
    /// population size), for example to give every algorithm the same evaluation budget per generation.
    /// <paramref name="sigma"/>, when given, replaces the search scale: the perturbation σ of <c>es</c>, the initial step
    /// size of <c>oes</c> and <c>cmaes</c>, the mutation scale of <c>ga</c>. <paramref name="learningRate"/> replaces the
    /// step of <c>es</c> (the only optimizer with one). For <c>mads</c>, <paramref name="population"/> is the block size and
    /// <paramref name="sigma"/> the initial frame size (unbounded, continuous); for <c>enomad</c> and <c>renomad</c> they are
    /// the population and the MADS box half-width.
    /// </summary>
    /// <remarks>A smaller σ and learning rate refine a rule that is already good (a run started with an initial mean);
    /// the defaults suit a search from scratch.</remarks>
    /// <exception cref="ArgumentException"><paramref name="name"/> is unknown (the message lists the valid names), or a
    /// setting or the mean is invalid (for example an odd population for <c>es</c>, or a learning rate for another optimizer).</exception>
    public static IOptimizer Create(string name, int dimension, long seed, double[]? initialMean = null, int? population = null, double? sigma = null, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (learningRate is not null && name != OpenAiEsOptimizer.AlgorithmName && Names.Contains(name))
        {
            throw new ArgumentException($"A learning rate applies only to '{OpenAiEsOptimizer.AlgorithmName}', not '{name}'", nameof(learningRate));
        }

        switch (name)
        {
            case OpenAiEsOptimizer.AlgorithmName:
                var es = new OpenAiEsSettings();
                return new OpenAiEsOptimizer(dimension, seed, es with { Population = population ?? es.Population, Sigma = sigma ?? es.Sigma, LearningRate = learningRate ?? es.LearningRate }, initialMean);
            case MuLambdaEsOptimizer.AlgorithmName:
                var oes = new MuLambdaEsSettings();
                return new MuLambdaEsOptimizer(dimension, seed, oes with { Population = population, InitialSigma = sigma ?? oes.InitialSigma }, initialMean);
            case GeneticOptimizer.AlgorithmName:
                var ga = new GeneticSettings();
                return new GeneticOptimizer(dimension, seed, ga with { Population = population ?? ga.Population, MutationScale = sigma ?? ga.MutationScale }, initialMean);
            case CmaEsOptimizer.AlgorithmName:
                var cma = new CmaEsSettings();
                return new CmaEsOptimizer(dimension, seed, cma with { Population = population, InitialSigma = sigma ?? cma.InitialSigma }, initialMean);
            case MadsOptimizer.AlgorithmName:
                return new MadsOptimizer(dimension, seed, new MadsSettings { BlockSize = population, InitialFrameSize = sigma }, initialMean);
            case EnomadOptimizer.EaName or EnomadOptimizer.ReaName:
                var enomad = name == EnomadOptimizer.EaName ? EnomadSettings.Ea : EnomadSettings.Rea;
                return new EnomadOptimizer(dimension, seed, enomad with { Population = population ?? enomad.Population, Box = sigma ?? enomad.Box }, initialMean);
            default:
                throw Unknown(name);
        }
    }

    /// <summary>Rebuilds the optimizer that wrote <paramref name="stateJson"/>; continuing it gives bit-identical candidates.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has no <c>name</c>, names an unknown optimizer, or is inconsistent.</exception>
    public static IOptimizer Restore(string stateJson)
    {
        ArgumentNullException.ThrowIfNull(stateJson);
        string? name;
        try
        {
            using var doc = JsonDocument.Parse(stateJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("name", out var nameElement)
                || nameElement.ValueKind != JsonValueKind.String)
            {
                throw new ArgumentException("Optimizer state must be a JSON object with a string 'name'", nameof(stateJson));
            }

            name = nameElement.GetString();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Optimizer state is not valid JSON: {e.Message}", nameof(stateJson), e);
        }

        return name switch
        {
            OpenAiEsOptimizer.AlgorithmName => OpenAiEsOptimizer.FromState(stateJson),
            MuLambdaEsOptimizer.AlgorithmName => MuLambdaEsOptimizer.FromState(stateJson),
            GeneticOptimizer.AlgorithmName => GeneticOptimizer.FromState(stateJson),
            CmaEsOptimizer.AlgorithmName => CmaEsOptimizer.FromState(stateJson),
            MadsOptimizer.AlgorithmName => MadsOptimizer.FromState(stateJson),
            EnomadOptimizer.EaName or EnomadOptimizer.ReaName => EnomadOptimizer.FromState(stateJson, name),
            _ => throw Unknown(name ?? ""),
        };
    }

    private static ArgumentException Unknown(string name) =>
        new($"Unknown optimizer '{name}'; valid names are {string.Join(", ", Names)}", nameof(name));
}
