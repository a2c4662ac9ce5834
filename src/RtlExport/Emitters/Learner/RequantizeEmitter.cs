using Neuro.FixedPointSim;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// The activation narrowing of the learner (<c>QuantizationCore.FromRaw</c> in hardware): a combinational module that
/// requantizes a two's complement value of <c>IN_WIDTH</c> bits with <c>IN_FRAC</c> fractional bits into the activation
/// format (<c>OUT_WIDTH</c>, <c>OUT_FRAC</c>) with the config's rounding and overflow modes, exactly as SystemC
/// <c>sc_fixed</c> does: on sign and magnitude, the dropped bits classed below, at or above half an LSB.
/// </summary>
/// <remarks>
/// Widths and fractional bits are module parameters; the rounding and overflow modes are the precision config's and are
/// written into the module. All arithmetic runs in one generous width <c>G</c> so that no slice or replication depends on
/// the sign of the shift.
/// </remarks>
internal static class RequantizeEmitter
{
    public static VerilogModule Build(HardwareDesign d)
    {
        var activation = d.Precision.Activation;
        var m = new VerilogModule(d.Requantize,
        [
            "Narrows a two's complement value into the activation format (DESIGN.md, section 5), combinationally:",
            $"rounding {activation.Rounding} and overflow {activation.Overflow} with SystemC sc_fixed semantics (IEEE 1666, 7.10).",
            "The value in * 2^-IN_FRAC is split into sign and magnitude, shifted to OUT_FRAC fractional bits,",
            "rounded by the class of the dropped bits (none, below, at or above half an LSB), then checked",
            "against the range of OUT_WIDTH bits" + (activation.Overflow == Overflow.SatSym ? " (symmetric: -2^(OUT_WIDTH-1) is an overflow too)." : "."),
        ]);
        m.Parameter("IN_WIDTH", Int(d.AccumulatorWidth), "Bits of the input value");
        m.Parameter("IN_FRAC", Int(d.Precision.Weight.Format.FracBits + d.Precision.Activation.Format.FracBits), "Fractional bits of the input value");
        m.Parameter("OUT_WIDTH", Int(d.ActivationWidth), "Bits of the result (the activation format), at least 2");
        m.Parameter("OUT_FRAC", Int(activation.Format.FracBits), "Fractional bits of the result");
        m.Input("in", "[IN_WIDTH-1:0]", "The value, two's complement");
        m.OutputWire("out", "[OUT_WIDTH-1:0]", "The value in the activation format, two's complement");
        m.LocalParam("LSHIFT", "IN_FRAC < OUT_FRAC ? OUT_FRAC - IN_FRAC : 0", "Bits appended below the input (no rounding acts)");
        m.LocalParam("RSHIFT", "IN_FRAC > OUT_FRAC ? IN_FRAC - OUT_FRAC : 0", "Bits dropped from the input (rounding acts)");
        bool tie = activation.Rounding is not (Rounding.Trn or Rounding.TrnZero or Rounding.RndZero);
        bool above = activation.Rounding is not (Rounding.Trn or Rounding.TrnZero);
        if (above)
        {
            m.LocalParam("HALF_SHIFT", "RSHIFT > 0 ? RSHIFT - 1 : 0", "Position of half an LSB among the dropped bits");
        }

        m.LocalParam("G", "IN_WIDTH + LSHIFT + RSHIFT + OUT_WIDTH + 2", "Working width: holds the shifted magnitude, the rounding carry and the limits");
        m.Wire("negative", "", "Sign of the input", "in[IN_WIDTH-1]");
        m.Wire("in_ext", "[G-1:0]", "The input sign-extended to G bits", Concat([Replicate("G-IN_WIDTH", "negative"), "in"]));
        m.Wire("one", "[G-1:0]", "The constant 1 in G bits", Concat([Replicate("G-1", "1'b0"), "1'b1"]));
        m.Wire("magnitude", "[G-1:0]", "|in| (exact also for the most negative input)", "negative ? ~in_ext + one : in_ext");
        m.Wire("scaled", "[G-1:0]", "The magnitude with LSHIFT zero bits appended", "magnitude << LSHIFT");
        m.Wire("truncated", "[G-1:0]", "The magnitude truncated to OUT_FRAC fractional bits", "scaled >> RSHIFT");
        if (activation.Rounding != Rounding.TrnZero)
        {
            m.Wire("dropped", "[G-1:0]", "The dropped bits", "scaled & ~({G{1'b1}} << RSHIFT)");
        }

        if (above)
        {
            m.Wire("half", "[G-1:0]", "Half an LSB of the result, among the dropped bits", "RSHIFT > 0 ? one << HALF_SHIFT : {G{1'b0}}");
            m.Wire("above_half", "", "More than half an LSB was dropped", "RSHIFT > 0 && dropped > half");
        }

        if (tie)
        {
            m.Wire("at_half", "", "Exactly half an LSB was dropped (a tie)", "RSHIFT > 0 && dropped == half");
        }

        if (activation.Rounding == Rounding.Trn)
        {
            m.Wire("inexact", "", "Some dropped bit is set", "|dropped");
        }

        m.Wire("round_up", "", $"Rounding {activation.Rounding}: the magnitude rounds away from its truncation", RoundUp(activation.Rounding));
        m.Wire("rounded", "[G-1:0]", "The rounded magnitude", "truncated + (round_up ? one : {G{1'b0}})");
        if (activation.Overflow != Overflow.Wrap)
        {
            m.Wire("pos_limit", "[G-1:0]", "The largest result, 2^(OUT_WIDTH-1) - 1", Concat([Replicate("G-OUT_WIDTH+1", "1'b0"), Replicate("OUT_WIDTH-1", "1'b1")]));
            m.Wire("neg_limit", "[G-1:0]", "The largest negative magnitude" + (activation.Overflow == Overflow.SatSym ? " (SatSym: symmetric)" : ""),
                activation.Overflow == Overflow.SatSym ? "pos_limit" : "pos_limit + one");
            m.Wire("overflow", "", "The rounded value lies outside the result's range", "negative ? rounded > neg_limit : rounded > pos_limit");
        }

        m.Wire("signed_value", "[G-1:0]", "The rounded value, two's complement", "negative ? ~rounded + one : rounded");
        m.Wire("unused_bits", "", "Bits of the working width beyond the result (lint: intentionally unused)", "&{1'b0, signed_value[G-1:OUT_WIDTH], 1'b0}");
        m.Assign("out", Saturated(activation.Overflow));
        return m;
    }

    /// <summary>When the magnitude rounds up, per <c>QuantizationCore.RoundUp</c>.</summary>
    private static string RoundUp(Rounding rounding) => rounding switch
    {
        Rounding.Rnd => "above_half | (at_half & ~negative)",
        Rounding.RndZero => "above_half",
        Rounding.RndMinInf => "above_half | (at_half & negative)",
        Rounding.RndInf => "above_half | at_half",
        Rounding.RndConv => "above_half | (at_half & truncated[0])",
        Rounding.Trn => "inexact & negative",
        Rounding.TrnZero => "1'b0",
        _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, $"Unknown rounding mode {rounding}"),
    };

    /// <summary>The result under the overflow mode: the rounded value, or the value the mode puts in its place.</summary>
    private static string Saturated(Overflow overflow)
    {
        const string value = "signed_value[OUT_WIDTH-1:0]";
        string max = Concat(["1'b0", Replicate("OUT_WIDTH-1", "1'b1")]);
        string min = Concat(["1'b1", Replicate("OUT_WIDTH-1", "1'b0")]);
        return overflow switch
        {
            Overflow.Sat => $"overflow ? (negative ? {min} : {max}) : {value}",
            Overflow.SatZero => $"overflow ? {{OUT_WIDTH{{1'b0}}}} : {value}",
            Overflow.SatSym => $"overflow ? (negative ? ({min} | {Concat([Replicate("OUT_WIDTH-1", "1'b0"), "1'b1"])}) : {max}) : {value}",
            Overflow.Wrap => value,
            _ => throw new ArgumentOutOfRangeException(nameof(overflow), overflow, $"Unknown overflow mode {overflow}"),
        };
    }
}
