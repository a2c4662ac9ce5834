namespace Neuro.Rules.Evolution;

/// <summary>
/// An ask/tell optimizer that maximizes fitness over real vectors. <see cref="Ask"/> returns the candidates of the
/// current generation; <see cref="Tell"/> takes their fitnesses (same order) and advances the generation.
/// </summary>
/// <remarks>
/// Every random draw comes from <see cref="SeedSequence"/> over (seed, generation, …), so the state needs no random
/// stream and <see cref="SaveState"/> plus <c>OptimizerFactory.Restore</c> resume a run exactly. Calling
/// <see cref="Ask"/> twice without <see cref="Tell"/> returns the same candidates.
/// </remarks>
public interface IOptimizer
{
    /// <summary>Short name used on the command line and in provenance: <c>es</c>, <c>oes</c>, <c>ga</c>, <c>cmaes</c>, <c>mads</c>, <c>enomad</c>, <c>renomad</c>.</summary>
    string Name { get; }

    /// <summary>Length of every candidate vector.</summary>
    int Dimension { get; }

    /// <summary>Completed generations (calls to <see cref="Tell"/>).</summary>
    int Generation { get; }

    /// <summary>The run seed.</summary>
    long Seed { get; }

    /// <summary>The candidates to evaluate in this generation.</summary>
    IReadOnlyList<double[]> Ask();

    /// <summary>Fitnesses of the candidates from <see cref="Ask"/>, in order (higher is better); advances the generation.</summary>
    void Tell(IReadOnlyList<double> fitnesses);

    /// <summary>The optimizer's current best guess (e.g. the distribution mean for ES, the elite for a GA).</summary>
    double[] Current { get; }

    /// <summary>Serializes the whole state to JSON; <c>OptimizerFactory.Restore</c> rebuilds it exactly.</summary>
    string SaveState();

    /// <summary>
    /// True once the optimizer has nothing more to ask (a local search that converged or spent its own evaluation
    /// budget); <see cref="Ask"/> then returns no candidates. The population methods never finish on their own.
    /// </summary>
    bool IsFinished => false;
}
