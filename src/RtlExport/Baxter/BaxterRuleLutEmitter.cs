using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport.Baxter;

/// <summary>The rule <c>f</c> as a 4 × 1-bit ROM initialised from its <c>.mem</c> image, read combinationally at <c>{pre, post}</c>.</summary>
internal static class BaxterRuleLutEmitter
{
    public static VerilogModule Build(BaxterHardwareDesign d)
    {
        var m = new VerilogModule(d.LutModule,
        [
            $"The learning rule f of {d.Learner}: one of the 16 Boolean functions of two +-1 activities, as a 4 x 1-bit ROM.",
            "Address {pre, post} (1 = +1, pre the high bit); the word is the new weight w <- f(pre, post), 1 = +1.",
            "Combinational read; one instance per learnable synapse (a 2-input LUT each after synthesis).",
        ]);
        m.Parameter("INIT_FILE", HardwareDesign.Quote(d.RomPath()), "$readmemh image of f (4 one-bit words), relative to the simulator's or synthesizer's working directory (the export folder)");
        m.Input("pre", "", "Pre-synaptic activity, 1 = +1");
        m.Input("post", "", "Post-synaptic activity, 1 = +1");
        m.OutputWire("w", "", "f(pre, post): the weight to write, 1 = +1");
        m.Reg("f_rom", "[0:0]", "The truth table of f", "[0:3]");
        m.Items.Add(new InitialItem("Load the table", [Stmt.Line("$readmemh(INIT_FILE, f_rom);")]));
        m.Assign("w", $"f_rom[{BaxterHardwareDesign.RomAddress}]");
        return m;
    }
}
