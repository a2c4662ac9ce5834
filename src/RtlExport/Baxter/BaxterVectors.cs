using System.Collections.Immutable;
using Neuro.Rules.Baxter;

namespace Neuro.RtlExport.Baxter;

/// <summary>
/// The golden vectors of a Baxter learner, written by the C# model (<see cref="BaxterMachine"/>): every trial of its task,
/// one stimulus word and one expected word per clock.
/// </summary>
/// <remarks>
/// <para>Per function: one <c>rst</c> clock (reset weights and activities); the training steps (<c>step</c>, <c>clamp</c>,
/// the case's input and target); then per case one <c>clear</c> clock and the test steps (<c>step</c>, unclamped, the
/// target carried for the report), the last with <c>report</c> set: the output after it is the answer.</para>
/// <para>Stimulus word, most significant first: <c>function, case, report, rst, clear, step, clamp, target, x</c>
/// (<c>x</c> bit <c>m</c> is input node <c>m + 1</c>). Expected word: <c>{activities, weights}</c> after the clock.</para>
/// </remarks>
internal sealed class BaxterVectors
{
    private BaxterVectors(ImmutableArray<string> stimulus, ImmutableArray<string> expected, int functionWidth, int caseWidth, int writes)
    {
        Stimulus = stimulus;
        Expected = expected;
        FunctionWidth = functionWidth;
        CaseWidth = caseWidth;
        Writes = writes;
    }

    public ImmutableArray<string> Stimulus { get; }

    public ImmutableArray<string> Expected { get; }

    public int Cycles => Stimulus.Length;

    public int FunctionWidth { get; }

    public int CaseWidth { get; }

    /// <summary>Clocks that write the learnable weights (clamped steps).</summary>
    public int Writes { get; }

    public static int ControlBits => 6; // report, rst, clear, step, clamp, target

    public static BaxterVectors Build(BaxterHardwareDesign d)
    {
        var task = d.Task;
        int functionWidth = VerilogTypes.IndexWidth(task.Functions.Length);
        int cases = 1 << task.Inputs;
        int caseWidth = VerilogTypes.IndexWidth(cases);
        var machine = new BaxterMachine(d.Document.Learner);
        var stimulus = ImmutableArray.CreateBuilder<string>();
        var expected = ImmutableArray.CreateBuilder<string>();
        int writes = 0;
        void Clock(int function, int k, bool report, bool rst, bool clear, bool step, bool clamp, int target, int[] x)
        {
            var word = new BitWord().Add(function, functionWidth).Add(k, caseWidth)
                .Add(report ? 1 : 0, 1).Add(rst ? 1 : 0, 1).Add(clear ? 1 : 0, 1).Add(step ? 1 : 0, 1).Add(clamp ? 1 : 0, 1).Add(target > 0 ? 1 : 0, 1);
            stimulus.Add(BaxterHardwareDesign.Append(word, x).Hex());
            if (rst)
            {
                machine.Reset();
            }
            else if (clear)
            {
                machine.ClearActivities();
            }
            else if (step)
            {
                machine.Step(x, target, clamp);
                writes += clamp ? 1 : 0;
            }

            expected.Add(BaxterHardwareDesign.Append(BaxterHardwareDesign.Append(new BitWord(), machine.Activities), machine.LearnableWeights).Hex());
        }

        int[] none = new int[task.Inputs];
        Array.Fill(none, -1);
        for (int f = 0; f < task.Functions.Length; f++)
        {
            var function = task.Functions[f];
            Clock(f, 0, false, rst: true, false, false, false, -1, none);
            for (int e = 0; e < task.Epochs; e++)
            {
                for (int k = 0; k < cases; k++)
                {
                    for (int s = 0; s < task.Steps; s++)
                    {
                        Clock(f, k, false, false, false, step: true, clamp: true, function.Target(k), function.InputsOf(k));
                    }
                }
            }

            for (int k = 0; k < cases; k++)
            {
                Clock(f, k, false, false, clear: true, false, false, function.Target(k), function.InputsOf(k));
                for (int s = 0; s < task.Steps; s++)
                {
                    Clock(f, k, report: s == task.Steps - 1, false, false, step: true, clamp: false, function.Target(k), function.InputsOf(k));
                }
            }
        }

        return new BaxterVectors(stimulus.ToImmutable(), expected.ToImmutable(), functionWidth, caseWidth, writes);
    }
}
