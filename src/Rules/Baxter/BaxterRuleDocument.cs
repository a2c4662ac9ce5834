namespace Neuro.Rules.Baxter;

/// <summary>What a Baxter <c>rule.json</c> holds: the learner, the task and protocol it learns by, and its provenance.</summary>
/// <param name="Learner">Network and rule.</param>
/// <param name="Task">The task (its functions) and the training protocol.</param>
/// <param name="Provenance">The run that evolved it, or null.</param>
public sealed record BaxterRuleDocument(BaxterLearner Learner, BooleanTask Task, BaxterProvenance? Provenance);
