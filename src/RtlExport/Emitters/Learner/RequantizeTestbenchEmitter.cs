using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// Self-checking testbench of the activation narrowing: the three instances the learner uses (projection, recurrent sum,
/// recurrent operand) against the model's <c>Fixed.Requantize</c>, on values at the limits, at and near ties, and random.
/// </summary>
internal static class RequantizeTestbenchEmitter
{
    public static VerilogModule Build(HardwareDesign d, LearnerVectors v)
    {
        string dut = d.Requantize;
        var p = d.Precision;
        int fin = d.WeightFracOf(Neuro.Rules.Patterns.PatternLayouts.Input), frec = d.WeightFracOf(Neuro.Rules.Patterns.PatternLayouts.Recurrent);
        var m = new VerilogModule(d.RequantizeTestbench,
        [
            $"Self-checking testbench of {dut}: each vector {{instance, value, expected}} drives one of the three",
            "narrowings the learner uses (0 projection, 1 recurrent sum, 2 recurrent operand) and checks its result.",
        ]);
        m.LocalParam("VALUE_WIDTH", Int(v.NarrowingInputWidth), "Bits of a vector's value");
        m.LocalParam("ACC_WIDTH", Int(d.AccumulatorWidth), "Bits of an accumulator");
        m.LocalParam("ACT_WIDTH", Int(d.ActivationWidth), "Bits of an activation");
        m.LocalParam("VECTORS", Int(v.Narrowing.Count), "Vectors, so checks expected");
        TestbenchEmitter.Timeout(m, (v.Narrowing.Count + 10L) * 4);
        m.Reg("vectors", "[2+VALUE_WIDTH+ACT_WIDTH-1:0]", "The vectors", "[0:VECTORS-1]");
        m.Reg("value", "[VALUE_WIDTH-1:0]", "The value under test", init: "{VALUE_WIDTH{1'b0}}");
        m.Reg("got", "[ACT_WIDTH-1:0]", "The selected instance's result");
        m.Wire("u_out", "[ACT_WIDTH-1:0]", "Projection narrowing");
        m.Wire("s_out", "[ACT_WIDTH-1:0]", "Recurrent-sum narrowing");
        m.Wire("z_out", "[ACT_WIDTH-1:0]", "Recurrent-operand narrowing");
        m.Wire("unused_bits", "", "Value bits no instance reads (lint: intentionally unused)", "&{1'b0, value, 1'b0}");
        m.Integer("k", "Vector index");
        m.Integer("checks", "Vectors checked", "0");
        m.Integer("mismatches", "Vectors that differ from the model", "0");
        m.Items.Add(new InitialItem("Apply every vector, then report", TestbenchEmitter.Summary(m.Name, "checks == VECTORS", "VECTORS",
        [
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "vectors"))}, vectors);"),
            Stmt.For("k = 0", "k < VECTORS", "k = k + 1",
            [
                Stmt.Let("value", "vectors[k][VALUE_WIDTH+ACT_WIDTH-1:ACT_WIDTH]"),
                Stmt.Line("#1;"),
                Stmt.Let("got", "vectors[k][2+VALUE_WIDTH+ACT_WIDTH-1:VALUE_WIDTH+ACT_WIDTH] == 2'd0 ? u_out : vectors[k][2+VALUE_WIDTH+ACT_WIDTH-1:VALUE_WIDTH+ACT_WIDTH] == 2'd1 ? s_out : z_out"),
                Stmt.Let("checks", "checks + 1"),
                Stmt.If("got !== vectors[k][ACT_WIDTH-1:0]",
                [
                    Stmt.Let("mismatches", "mismatches + 1"),
                    Stmt.Line($"$display(\"NEURO_MISMATCH {dut} instance=%0d addr=%0d value=%h expected=%h got=%h\", vectors[k][2+VALUE_WIDTH+ACT_WIDTH-1:VALUE_WIDTH+ACT_WIDTH], k, value, vectors[k][ACT_WIDTH-1:0], got);"),
                ]),
            ]),
        ], "", "")));
        m.Items.Add(TestbenchEmitter.Watchdog(m.Name));
        (string Name, string Width, string Frac, string In, string Out)[] instances =
        [
            ("u_narrow", "ACC_WIDTH", Int(fin + p.Input.Format.FracBits), "value[ACC_WIDTH-1:0]", "u_out"),
            ("s_narrow", "ACC_WIDTH", Int(frec + p.Activation.Format.FracBits), "value[ACC_WIDTH-1:0]", "s_out"),
            ("z_narrow", "ACT_WIDTH + 1", Int(p.Activation.Format.FracBits), "value[ACT_WIDTH:0]", "z_out"),
        ];
        foreach (var (name, width, frac, input, output) in instances)
        {
            m.Instance($"The {name[0]} narrowing of the learner", dut, name,
                [("IN_WIDTH", width), ("IN_FRAC", frac), ("OUT_WIDTH", "ACT_WIDTH"), ("OUT_FRAC", Int(p.Activation.Format.FracBits))],
                [("in", input), ("out", output)]);
        }

        return m;
    }
}
