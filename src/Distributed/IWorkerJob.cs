using Neuro.Rules.Evolution;

namespace Neuro.Distributed;

/// <summary>What a worker runs for one evolution run: encoded rules in, fitnesses out.</summary>
public interface IWorkerJob
{
    /// <summary>Fitness of each rule in <paramref name="rules"/> (as <see cref="IRuleCodec{TRule}.Encode"/> wrote them) in <paramref name="context"/>, in order.</summary>
    double[] Evaluate(IReadOnlyList<string> rules, EvaluationContext context);
}
