namespace Neuro.Rules.Baxter;

/// <summary>Learners with known behaviour, shared by the Baxter tests.</summary>
internal static class BaxterTestLearners
{
    /// <summary>
    /// The textbook case: bias, input x, output; one learnable Hebbian synapse x → out starting at −1. Training
    /// writes <c>w = x·y</c> on every clamped step, so after the last pair <c>w = x·g(x)</c> for <c>x = +1</c>:
    /// +1 for identity (out = x) and −1 for not (out = −x); the constants are not learned.
    /// </summary>
    internal static BaxterLearner Hebbian() =>
        new(new BaxterNetwork(3, 1, [new BaxterSynapse(1, 2, -1, Learnable: true)]), BaxterRule.Hebb);
}
