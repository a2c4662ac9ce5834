using System.Text.Json.Nodes;
using Xunit;

namespace Neuro.Rules.Evolution;

public sealed class OptimizerFactoryTests
{
    [Theory]
    [InlineData("es", typeof(OpenAiEsOptimizer))]
    [InlineData("oes", typeof(MuLambdaEsOptimizer))]
    [InlineData("ga", typeof(GeneticOptimizer))]
    [InlineData("cmaes", typeof(CmaEsOptimizer))]
    [InlineData("mads", typeof(MadsOptimizer))]
    [InlineData("enomad", typeof(EnomadOptimizer))]
    [InlineData("renomad", typeof(EnomadOptimizer))]
    public void Create_GivesTheNamedOptimizer(string name, Type type)
    {
        var optimizer = OptimizerFactory.Create(name, 8, 1);
        Assert.IsType(type, optimizer);
        Assert.Equal(name, optimizer.Name);
        Assert.Equal(8, optimizer.Dimension);
        Assert.Equal(1, optimizer.Seed);
        Assert.Equal(0, optimizer.Generation);
    }

    [Fact]
    public void Names_ListsTheSevenOptimizers()
    {
        Assert.Equal(["es", "oes", "ga", "cmaes", "mads", "enomad", "renomad"], OptimizerFactory.Names.ToArray());
    }

    [Fact]
    public void Create_MapsPopulationAndSigmaOfTheLocalSearches()
    {
        var mads = Assert.IsType<MadsOptimizer>(OptimizerFactory.Create("mads", 8, 1, population: 5, sigma: 0.5));
        Assert.Equal(new MadsSettings { BlockSize = 5, InitialFrameSize = 0.5 }, mads.Settings);
        Assert.Equal(6, mads.Ask().Count); // a block of 5, then the start point
        var rea = Assert.IsType<EnomadOptimizer>(OptimizerFactory.Create("renomad", 8, 1, population: 6, sigma: 1));
        Assert.Equal(EnomadSettings.Rea with { Population = 6, Box = 1 }, rea.Settings);
        Assert.Equal(EnomadSettings.Ea, Assert.IsType<EnomadOptimizer>(OptimizerFactory.Create("enomad", 8, 1)).Settings);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("oes")]
    [InlineData("ga")]
    [InlineData("cmaes")]
    public void Create_PopulationOverridesTheDefault(string name)
    {
        Assert.Equal(24, OptimizerFactory.Create(name, 8, 1, population: 24).Ask().Count);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("oes")]
    [InlineData("ga")]
    [InlineData("cmaes")]
    [InlineData("mads")]
    [InlineData("enomad")]
    [InlineData("renomad")]
    public void Create_StartsAtTheInitialMean(string name)
    {
        double[] mean = [1, -2, 3, -4];
        TestFunctions.AssertBitEqual(mean, OptimizerFactory.Create(name, 4, 1, mean).Current);
    }

    [Fact]
    public void Create_SigmaAndLearningRateReachTheSettings()
    {
        var es = Assert.IsType<OpenAiEsOptimizer>(OptimizerFactory.Create("es", 8, 1, population: 24, sigma: 0.02, learningRate: 0.005));
        Assert.Equal(new OpenAiEsSettings { Population = 24, Sigma = 0.02, LearningRate = 0.005 }, es.Settings);
        Assert.Equal(0.02, Assert.IsType<MuLambdaEsOptimizer>(OptimizerFactory.Create("oes", 8, 1, sigma: 0.02)).Sigma);
        Assert.Equal(0.02, Assert.IsType<CmaEsOptimizer>(OptimizerFactory.Create("cmaes", 8, 1, sigma: 0.02)).Sigma);
        var ga = Assert.IsType<GeneticOptimizer>(OptimizerFactory.Create("ga", 8, 1, population: 10, sigma: 0.02));
        Assert.Equal(new GeneticSettings { Population = 10, MutationScale = 0.02 }, ga.Settings);
    }

    [Fact]
    public void Create_SigmaChangesTheCandidates()
    {
        double[] mean = [1, 2, 3, 4];
        var wide = OptimizerFactory.Create("es", 4, 1, mean).Ask();
        var narrow = OptimizerFactory.Create("es", 4, 1, mean, sigma: 0.01).Ask();
        // Same seed, same noise: the offsets from the mean scale by 0.01 / 0.1.
        Assert.Equal(0.1 * (wide[0][2] - mean[2]), narrow[0][2] - mean[2], 12);
    }

    [Theory]
    [InlineData("oes")]
    [InlineData("ga")]
    [InlineData("cmaes")]
    [InlineData("mads")]
    [InlineData("enomad")]
    [InlineData("renomad")]
    public void Create_RejectsALearningRateForOtherOptimizers(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create(name, 8, 1, learningRate: 0.01));
        Assert.StartsWith($"A learning rate applies only to 'es', not '{name}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsANonPositiveSigma()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create("es", 8, 1, sigma: 0));
        Assert.StartsWith("Sigma must be positive and finite, not 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsAnOddPopulationForEs()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create("es", 8, 1, population: 21));
        Assert.StartsWith("Population must be even and at least 2, not 21", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownNameListsTheValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create("pso", 8, 1));
        Assert.StartsWith("Unknown optimizer 'pso'; valid names are es, oes, ga, cmaes, mads, enomad, renomad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_UnknownNameListsTheValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore("""{"name":"pso"}"""));
        Assert.StartsWith("Unknown optimizer 'pso'; valid names are es, oes, ga, cmaes, mads, enomad, renomad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_RejectsMalformedState()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore("{"));
        Assert.StartsWith("Optimizer state is not valid JSON", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore("[1]"));
        Assert.StartsWith("Optimizer state must be a JSON object with a string 'name'", e.Message, StringComparison.Ordinal);

        var state = JsonNode.Parse(OptimizerFactory.Create("cmaes", 4, 1).SaveState())!.AsObject();
        state["mean"]!.AsArray().RemoveAt(0);
        e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore(state.ToJsonString()));
        Assert.StartsWith("Optimizer state field 'mean' must have 4 entries, not 3", e.Message, StringComparison.Ordinal);

        state = JsonNode.Parse(OptimizerFactory.Create("es", 4, 1).SaveState())!.AsObject();
        state["version"] = 2;
        e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore(state.ToJsonString()));
        Assert.StartsWith("Optimizer state for 'es' has version 2; this reader takes 1", e.Message, StringComparison.Ordinal);

        state = JsonNode.Parse(OptimizerFactory.Create("ga", 4, 1).SaveState())!.AsObject();
        state.Remove("population");
        e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore(state.ToJsonString()));
        Assert.StartsWith("Optimizer state field 'population' is missing", e.Message, StringComparison.Ordinal);

        state = JsonNode.Parse(OptimizerFactory.Create("mads", 4, 1).SaveState())!.AsObject();
        state["cursor"] = 9;
        e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore(state.ToJsonString()));
        Assert.StartsWith("Optimizer state field 'cursor' must be 0..8, not 9", e.Message, StringComparison.Ordinal);

        state = JsonNode.Parse(OptimizerFactory.Create("renomad", 4, 1, population: 2).SaveState())!.AsObject();
        state["refinements"]!.AsArray().RemoveAt(0);
        e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Restore(state.ToJsonString()));
        Assert.StartsWith("Optimizer state field 'refinements' must have 2 entries, not 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveState_StartsWithTheNameAndKeepsSettings()
    {
        var optimizer = new OpenAiEsOptimizer(3, 9, new OpenAiEsSettings { Step = OpenAiEsStep.MomentumSgd, Sigma = 0.3 });
        string state = optimizer.SaveState();
        Assert.StartsWith("""{"name":"es","version":1,""", state, StringComparison.Ordinal);
        Assert.Contains("\"step\":\"momentumSgd\"", state, StringComparison.Ordinal);
        var restored = Assert.IsType<OpenAiEsOptimizer>(OptimizerFactory.Restore(state));
        Assert.Equal(optimizer.Settings, restored.Settings);
    }
}
