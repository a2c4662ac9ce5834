using Xunit;

namespace Neuro.Rules.Baxter;

public sealed class BaxterMachineTests
{
    // Nodes: 0 bias, 1 x, 2 out, 3 h.
    private static BaxterLearner Chain(BaxterRule rule) => new(
        new BaxterNetwork(4, 1,
        [
            new BaxterSynapse(0, 3, 1, false),  // bias → h
            new BaxterSynapse(1, 3, 1, false),  // x → h
            new BaxterSynapse(3, 2, -1, false), // h → out
            new BaxterSynapse(1, 2, 1, true),   // x → out, learnable
            new BaxterSynapse(0, 2, -1, true),  // bias → out, learnable
        ]),
        rule);

    [Fact]
    public void Reset_SetsBiasPlusOneAndEveryOtherNodeMinusOne()
    {
        var machine = new BaxterMachine(Chain(BaxterRule.Hebb));
        Assert.Equal([1, -1, -1, -1], machine.Activities);
        Assert.Equal([-1, 1], machine.LearnableWeights); // (post 2, pre 0), (post 2, pre 1)
    }

    [Fact]
    public void Step_IsTheSignOfTheWeightedSumWithSignOfZeroNegative()
    {
        var machine = new BaxterMachine(Chain(BaxterRule.Hebb));
        // h = sign(bias + x): x = −1 gives sign(0) = −1. out = sign(−h − bias + x) = sign(1 − 1 − 1) = −1.
        machine.Step([-1], target: 1, clamp: false);
        Assert.Equal([1, -1, -1, -1], machine.Activities);
        // x = +1: h = sign(2) = +1; out reads h(t) = −1: sign(1 − 1 + 1) = +1.
        machine.Step([1], target: 1, clamp: false);
        Assert.Equal([1, 1, 1, 1], machine.Activities);
        // Next step out reads h(t) = +1: sign(−1 − 1 + 1) = −1 (synchronous: it never saw h(t+1) early).
        machine.Step([1], target: 1, clamp: false);
        Assert.Equal([1, 1, -1, 1], machine.Activities);
    }

    [Fact]
    public void Step_ClampPresentsTheTargetAndWritesOnlyLearnableWeights()
    {
        var machine = new BaxterMachine(Chain(new BaxterRule(6))); // anti-Hebb: w = −pre·post
        int[] presented = machine.Step([1], target: -1, clamp: true);
        Assert.Equal([1, 1, -1, -1], presented); // the output node is presented as the target
        // Learnable weights from the presented values: bias→out = −(+1)(−1) = +1, x→out = −(+1)(−1) = +1.
        Assert.Equal([1, 1], machine.LearnableWeights);
        Assert.Equal(-1, machine.Weight(3, 2)); // fixed weights stay
        Assert.Equal(1, machine.Weight(1, 3));
        Assert.Equal(0, machine.Weight(2, 3)); // absent
        // The output's own next value is still computed from the weights at time t: sign(−h − bias + x) = sign(1 − 1 + 1).
        Assert.Equal(1, machine.Activities[2]);
    }

    [Fact]
    public void Step_WithoutClampLeavesEveryWeight()
    {
        var machine = new BaxterMachine(Chain(new BaxterRule(15))); // f = +1 would set every learnable weight to +1
        machine.Step([1], target: -1, clamp: false);
        machine.Step([-1], target: 1, clamp: false);
        Assert.Equal([-1, 1], machine.LearnableWeights);
    }

    [Fact]
    public void Step_WriteReadsTimeTActivitiesOfBothEnds()
    {
        // A learnable weight h → out under f = pre: it copies h's presented value ã_h(t), not the h(t+1) computed in the same step.
        var learner = new BaxterLearner(
            new BaxterNetwork(4, 1, [new BaxterSynapse(1, 3, 1, false), new BaxterSynapse(3, 2, 1, true)]),
            new BaxterRule(12));
        var machine = new BaxterMachine(learner);
        machine.Step([1], target: 1, clamp: true);
        Assert.Equal(1, machine.Activities[3]); // h(t+1) = x = +1
        Assert.Equal([-1], machine.LearnableWeights); // written from h(t) = −1
        machine.Step([1], target: 1, clamp: true);
        Assert.Equal([1], machine.LearnableWeights);
    }

    [Fact]
    public void ClearActivities_KeepsTheWeights()
    {
        var machine = new BaxterMachine(Chain(new BaxterRule(15)));
        machine.Step([1], target: 1, clamp: true);
        machine.ClearActivities();
        Assert.Equal([1, -1, -1, -1], machine.Activities);
        Assert.Equal([1, 1], machine.LearnableWeights);
        machine.Reset();
        Assert.Equal([-1, 1], machine.LearnableWeights);
    }

    [Fact]
    public void Step_RejectsValuesThatAreNotPlusOrMinusOne()
    {
        var machine = new BaxterMachine(Chain(BaxterRule.Hebb));
        Assert.Throws<ArgumentException>(() => machine.Step([0], 1, false));
        Assert.Throws<ArgumentException>(() => machine.Step([1], 0, true));
        Assert.Throws<ArgumentException>(() => machine.Step([1, 1], 1, true));
    }
}
