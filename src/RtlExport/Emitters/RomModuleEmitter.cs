using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport.Emitters;

/// <summary>The synchronous ROM initialised from a <c>.mem</c> image: one registered read per enabled clock (block-RAM inferable).</summary>
internal static class RomModuleEmitter
{
    public static VerilogModule Build(HardwareDesign d) => Build(d.RomModule, d.RomPath("hidden"), "Used for the rule tables (rule ROMs) and the edge lists of the network's masks.");

    /// <summary>The ROM module named <paramref name="module"/>, its <c>INIT_FILE</c> defaulting to <paramref name="defaultImage"/>.</summary>
    public static VerilogModule Build(string module, string defaultImage, string use)
    {
        var m = new VerilogModule(module,
        [
            "Synchronous read-only memory initialised from a $readmemh image (one hex word per line).",
            use,
            "Read latency: one clock; data holds its value while en is low.",
        ]);
        m.Parameters.Add(new("DATA_WIDTH", "8", "Bits per word"));
        m.Parameters.Add(new("ADDR_WIDTH", "8", "Address bits"));
        m.Parameters.Add(new("DEPTH", "256", "Number of words, at most 2**ADDR_WIDTH"));
        m.Parameters.Add(new("INIT_FILE", HardwareDesign.Quote(defaultImage), "$readmemh image, relative to the simulator's or synthesizer's working directory (the export folder)"));
        m.Ports.Add(new(PortDirection.Input, "clk", "", "Clock"));
        m.Ports.Add(new(PortDirection.Input, "en", "", "Read enable"));
        m.Ports.Add(new(PortDirection.Input, "addr", "[ADDR_WIDTH-1:0]", "Word address"));
        m.Ports.Add(new(PortDirection.OutputReg, "data", "[DATA_WIDTH-1:0]", "The word at the address of the previous enabled clock"));
        m.Reg("mem", "[DATA_WIDTH-1:0]", "The image", "[0:DEPTH-1]");
        m.Items.Add(new InitialItem("Load the image", [Stmt.Line("$readmemh(INIT_FILE, mem);")]));
        m.Items.Add(new AlwaysItem("Registered read", "posedge clk", [Stmt.If("en", [Stmt.Line("data <= mem[addr];")])]));
        return m;
    }
}
