using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Baxter.BaxterHardwareDesign;

namespace Neuro.RtlExport.Baxter;

/// <summary>
/// The self-checking testbench of a Baxter learner: replays the C# model's vectors one clock at a time, compares every
/// activity and learnable weight after every clock, and reports each function's test answers. Prints
/// <c>NEURO_TB &lt;module&gt; PASS|FAIL checks=N mismatches=M cycles=C answers=A right=R learned=L functions=F
/// learned_&lt;function&gt;=0|1 …</c>, one <c>NEURO_MISMATCH</c> line per differing clock, and ends with <c>$finish</c> or
/// <c>$fatal</c>.
/// </summary>
internal static class BaxterTestbenchEmitter
{
    private const int HalfPeriod = 5;

    public static VerilogModule Build(BaxterHardwareDesign d, BaxterVectors v)
    {
        var task = d.Task;
        string dut = d.Learner;
        var m = new VerilogModule(d.Testbench,
        [
            $"Self-checking testbench of {dut}: every trial of {task.Name} ({task.Functions.Length} functions; {task.Epochs} training epoch(s),",
            $"each case held {task.Steps} step(s); then each case tested from the initial activities), one clock per stimulus word.",
            "Stimulus: {function, case, report, rst, clear, step, clamp, target, x}. Expected: {activities, weights} after each clock,",
            "written by the C# model (BaxterMachine). A report clock ends a test: the output after it is the answer.",
        ]);
        AddParams(m, d, v);
        AddSignals(m);
        m.Items.Add(new ClockItem("Clock", "clk", HalfPeriod));
        m.Items.Add(new InitialItem("Replay every trial, then report", Main(d, v)));
        m.Items.Add(Emitters.TestbenchEmitter.Watchdog(d.Testbench));
        m.Instance("The learner under test", dut, "dut", [],
        [
            ("clk", "clk"), ("rst", "rst"), ("clear", "clear"), ("step", "step"), ("x", "x"), ("target", "target"), ("clamp", "clamp"),
            ("out", "out"), ("activities", "activities"), ("weights", "weights"),
        ]);
        return m;
    }

    /// <summary>Bits of a stimulus word: {function, case, report, rst, clear, step, clamp, target, x}.</summary>
    private static int StimulusWidth(BaxterHardwareDesign d, BaxterVectors v) => v.FunctionWidth + v.CaseWidth + BaxterVectors.ControlBits + d.Inputs;

    /// <summary>The testbench's parameters: the learner's sizes, the task's functions and cases, the word widths and the time limit.</summary>
    private static void AddParams(VerilogModule m, BaxterHardwareDesign d, BaxterVectors v)
    {
        var task = d.Task;
        int inputs = d.Inputs;
        int cases = 1 << inputs;
        int stimulusWidth = StimulusWidth(d, v);
        int expectedWidth = d.Nodes + d.Learnable;
        m.LocalParam("NODES", Int(d.Nodes), "Nodes of the learner");
        m.LocalParam("INPUTS", Int(inputs), "Input nodes");
        m.LocalParam("LEARNABLE", Int(d.Learnable), "Learnable weights");
        m.LocalParam("FUNCTIONS", Int(task.Functions.Length), "Functions of the task, one trial each");
        m.LocalParam("CASES", Int(cases), "Cases of a function, so test answers per trial");
        m.LocalParam("STIMULUS_WIDTH", Int(stimulusWidth), "Bits of a stimulus word");
        m.LocalParam("EXPECTED_WIDTH", Int(expectedWidth), "Bits of an expected word");
        m.LocalParam("CYCLES", Int(v.Cycles), "Clocks replayed, so checks expected");
        Emitters.TestbenchEmitter.Timeout(m, (v.Cycles + 16L) * 2 * HalfPeriod * 2);
    }

    /// <summary>The DUT's inputs and outputs, the vector memories and the replay's counters.</summary>
    private static void AddSignals(VerilogModule m)
    {
        m.Reg("clk", "", "Clock", init: "1'b0");
        m.Reg("rst", "", "DUT input", init: "1'b1");
        m.Reg("clear", "", "DUT input", init: "1'b0");
        m.Reg("step", "", "DUT input", init: "1'b0");
        m.Reg("x", "[INPUTS-1:0]", "DUT input", init: "{INPUTS{1'b0}}");
        m.Reg("target", "", "DUT input", init: "1'b0");
        m.Reg("clamp", "", "DUT input", init: "1'b0");
        m.Wire("out", "", "DUT output");
        m.Wire("activities", "[NODES-1:0]", "DUT output");
        m.Wire("weights", "[LEARNABLE-1:0]", "DUT output");
        m.Reg("stimulus", "[STIMULUS_WIDTH-1:0]", "Stimulus words", "[0:CYCLES-1]");
        m.Reg("expected", "[EXPECTED_WIDTH-1:0]", "Expected words", "[0:CYCLES-1]");
        m.Reg("cmd", "[STIMULUS_WIDTH-1:0]", "The current stimulus word");
        m.Integer("k", "Clock or function index");
        m.Integer("checks", "Clocks checked", "0");
        m.Integer("mismatches", "Clocks whose state differs from the model", "0");
        m.Integer("answers", "Test answers read", "0");
        m.Integer("right", "Test answers equal to their targets", "0");
        m.Integer("learned", "Functions with every answer right", "0");
        m.Declarations.Add(new VerilogDeclaration("integer", "right_count", "", "[0:FUNCTIONS-1]", "Right answers per function", null));
    }

    /// <summary>
    /// Clock k: decode stimulus word k onto the learner's inputs on the falling edge, compare {activities, weights} with
    /// expected word k after the rising edge, and on a report clock count the answer (per function too).
    /// </summary>
    private static List<Stmt> Replay(BaxterHardwareDesign d, BaxterVectors v)
    {
        string dut = d.Learner;
        int at = StimulusWidth(d, v) - 1;
        string Field(int width)
        {
            string f = width == 1 ? $"cmd[{Int(at)}]" : $"cmd[{Int(at)}:{Int(at - width + 1)}]";
            at -= width;
            return f;
        }

        string function = Field(v.FunctionWidth);
        string caseField = Field(v.CaseWidth);
        string report = Field(1), rst = Field(1), clear = Field(1), step = Field(1), clamp = Field(1), target = Field(1);
        return
        [
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("cmd", "stimulus[k]"),
            Stmt.Let("rst", rst),
            Stmt.Let("clear", clear),
            Stmt.Let("step", step),
            Stmt.Let("clamp", clamp),
            Stmt.Let("target", target),
            Stmt.Let("x", "cmd[INPUTS-1:0]"),
            Stmt.Line("@(posedge clk);"),
            Stmt.Line("#1;"),
            Stmt.Let("checks", "checks + 1"),
            Stmt.If("{activities, weights} !== expected[k]",
            [
                Stmt.Let("mismatches", "mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {dut} clock=%0d expected=%h got=%h\", k, expected[k], {{activities, weights}});"),
            ]),
            Stmt.If(report,
            [
                Stmt.Let("answers", "answers + 1"),
                Stmt.Line($"$display(\"NEURO_ANSWER {dut} function=%0d case=%0d out=%0d target=%0d\", {function}, {caseField}, out, target);"),
                Stmt.If("out == target", [Stmt.Let("right", "right + 1"), Stmt.Let($"right_count[{function}]", $"right_count[{function}] + 1")]),
            ]),
        ];
    }

    /// <summary>The testbench's body: load the vectors, replay every clock, count the learned functions, report.</summary>
    private static List<Stmt> Main(BaxterHardwareDesign d, BaxterVectors v)
    {
        var task = d.Task;
        string dut = d.Learner;
        var perFunction = string.Concat(task.Functions.Select(f => $" learned_{f.Name.Replace(' ', '_')}=%0d"));
        var perFunctionValues = string.Concat(Enumerable.Range(0, task.Functions.Length).Select(f => $", right_count[{Int(f)}] == CASES"));
        return
        [
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "stimulus"))}, stimulus);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected"))}, expected);"),
            Stmt.For("k = 0", "k < FUNCTIONS", "k = k + 1", [Stmt.Let("right_count[k]", "0")]),
            Stmt.Line("repeat (2) @(negedge clk);"),
            Stmt.For("k = 0", "k < CYCLES", "k = k + 1", Replay(d, v)),
            Stmt.For("k = 0", "k < FUNCTIONS", "k = k + 1", [Stmt.If("right_count[k] == CASES", [Stmt.Let("learned", "learned + 1")])]),
            Stmt.If("mismatches == 0 && checks == CYCLES",
            [
                Stmt.Line($"$display(\"NEURO_TB {d.Testbench} PASS checks=%0d mismatches=0 cycles=%0d answers=%0d right=%0d learned=%0d functions=%0d{perFunction}\", checks, CYCLES, answers, right, learned, FUNCTIONS{perFunctionValues});"),
                Stmt.Line("$finish;"),
            ],
            [
                Stmt.Line($"$display(\"NEURO_TB {d.Testbench} FAIL checks=%0d mismatches=%0d expected_checks=%0d\", checks, mismatches, CYCLES);"),
                Stmt.Line($"$fatal(1, \"{d.Testbench}: %0d mismatches\", mismatches);"),
            ]),
        ];
    }
}
