using System.Collections.Immutable;
using Neuro.Rules.Connectome;
using Neuro.Rules.Foraging;

namespace Neuro.Cli.Foraging;

/// <summary>Builds the library's <see cref="ForagingTask"/> for a command, turning bad data or settings into usage errors.</summary>
internal static class ForagingSetup
{
    /// <summary>The task on the connectome in <paramref name="data"/>.</summary>
    internal static ForagingTask Task(string data, ConnectomeNetworkSettings network, ImmutableArray<FoodPattern> patterns, SensingMode sensing, long foodSeed)
    {
        if (!Directory.Exists(data))
        {
            throw new UsageException($"--data {data}: no such folder (it must hold {EdgeListReader.FileName}, {NeuronClassesReader.FileName} and {NeurotransmitterReader.FileName})");
        }

        ConnectomeGraph graph;
        try
        {
            graph = ConnectomeGraph.Load(data);
        }
        catch (ConnectomeFormatException e)
        {
            throw new UsageException(e.Message, e);
        }

        try
        {
            return new ForagingTask(graph, network, new ForagingSettings { Patterns = patterns, Sensing = sensing }, foodSeed);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
    }
}
