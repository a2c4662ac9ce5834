namespace Neuro.Rules.Baxter;

/// <summary>Where a Baxter learner came from: the run that evolved it. Stored in <c>rule.json</c>.</summary>
/// <param name="Seed">Run seed.</param>
/// <param name="Algorithm">Optimizer name (<c>ga</c>).</param>
/// <param name="Task">Task name (<c>boolean1</c>, <c>boolean2</c>).</param>
/// <param name="Fitness">The learner's fitness: the fraction of tests answered right.</param>
/// <param name="LearnedAll">True when it learned every function of the task.</param>
/// <param name="Generations">Generations run.</param>
/// <param name="BestGeneration">The generation that found the learner.</param>
/// <param name="Evaluations">Learner evaluations until then, as the run's log counts them.</param>
/// <param name="Population">Candidates per generation.</param>
public sealed record BaxterProvenance(
    long Seed,
    string Algorithm,
    string Task,
    double Fitness,
    bool LearnedAll,
    int Generations,
    int BestGeneration,
    long Evaluations,
    int Population);
