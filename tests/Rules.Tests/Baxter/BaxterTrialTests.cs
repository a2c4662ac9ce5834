using Xunit;

namespace Neuro.Rules.Baxter;

public sealed class BaxterTrialTests
{
    private static readonly BooleanTask Boolean1 = BooleanTask.Named("boolean1");

    [Fact]
    public void Run_HebbianLearnerLearnsIdentityAndNotButNotTheConstants()
    {
        var results = BaxterTrial.RunAll(BaxterTestLearners.Hebbian(), Boolean1);
        Assert.Equal(["identity", "not", "zero", "one"], results.Select(r => r.Function.Name));
        Assert.Equal([true, true, false, false], results.Select(r => r.Learned));
        Assert.Equal([-1, 1], results[0].Outputs.ToArray()); // identity: out = x
        Assert.Equal([1, -1], results[1].Outputs.ToArray()); // not: out = −x
        Assert.Equal(0.75, BaxterEvaluator.Fraction(results));
    }

    [Fact]
    public void Run_TraceFollowsTheProtocol()
    {
        var task = BooleanTask.Named("boolean1", epochs: 3, steps: 2);
        var trial = BaxterTrial.Run(new BaxterMachine(BaxterTestLearners.Hebbian()), task, BooleanTask.OneVariable[0], trace: true);
        Assert.Equal(task.StepsPerTrial, trial.Trace.Length);
        Assert.Equal((3 * 2 * 2) + (2 * 2), trial.Trace.Length);
        var train = trial.Trace.Where(s => s.Training).ToList();
        Assert.Equal(12, train.Count);
        Assert.Equal([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1], train.Select(s => s.Case));
        Assert.All(train, s => Assert.Equal(s.Target, s.Presented[2])); // the output is clamped to the target
        Assert.All(train, s => Assert.Equal(s.Inputs[0] * s.Target, s.Weights[0])); // Hebb: w = x·y after every clamped step
        var test = trial.Trace.Where(s => !s.Training).ToList();
        Assert.Equal([0, 0, 1, 1], test.Select(s => s.Case));
        Assert.Equal(-1, test[0].Presented[2]); // each test starts from the initial activities
        Assert.Equal(-1, test[2].Presented[2]);
        Assert.Equal(Enumerable.Range(0, 16), trial.Trace.Select(s => s.Time));
    }

    [Fact]
    public void Run_WithoutTraceRecordsNothing()
    {
        var trial = BaxterTrial.Run(new BaxterMachine(BaxterTestLearners.Hebbian()), Boolean1, BooleanTask.OneVariable[0]);
        Assert.Empty(trial.Trace);
    }

    [Fact]
    public void Run_RejectsAFunctionOfAnotherArity()
    {
        var machine = new BaxterMachine(BaxterTestLearners.Hebbian());
        Assert.Throws<ArgumentException>(() => BaxterTrial.Run(machine, Boolean1, BooleanTask.TwoVariables[6]));
    }

    [Fact]
    public void BooleanFunction_CasesPutTheFirstInputInTheHighBit()
    {
        var and = BooleanTask.TwoVariables[8];
        Assert.Equal("and", and.Name);
        Assert.Equal([-1, -1], and.InputsOf(0));
        Assert.Equal([-1, 1], and.InputsOf(1));
        Assert.Equal([1, -1], and.InputsOf(2));
        Assert.Equal([1, 1], and.InputsOf(3));
        Assert.Equal([-1, -1, -1, 1], Enumerable.Range(0, 4).Select(and.Target));
        var aAndNotB = BooleanTask.TwoVariables[4];
        Assert.Equal([-1, -1, 1, -1], Enumerable.Range(0, 4).Select(aAndNotB.Target));
        Assert.Equal([-1, 1], Enumerable.Range(0, 2).Select(BooleanTask.OneVariable[0].Target)); // identity
    }

    [Fact]
    public void Named_RejectsUnknownTasksAndBadProtocols()
    {
        Assert.StartsWith("Unknown Boolean task 'boolean3'; expected boolean1 or boolean2", Assert.Throws<ArgumentException>(() => BooleanTask.Named("boolean3")).Message, StringComparison.Ordinal);
        Assert.StartsWith("Steps must be at least 1, not 0", Assert.Throws<ArgumentOutOfRangeException>(() => BooleanTask.Named("boolean1", steps: 0)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Epochs must be at least 1, not 0", Assert.Throws<ArgumentOutOfRangeException>(() => BooleanTask.Named("boolean1", epochs: 0)).Message, StringComparison.Ordinal);
        Assert.Equal(16, BooleanTask.Named("boolean2").Functions.Length);
    }
}
