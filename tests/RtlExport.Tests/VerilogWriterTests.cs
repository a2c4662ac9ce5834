using System.Collections.Immutable;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Neuro.RtlExport.Verilog;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>The statement layer as <see cref="VerilogWriter"/> prints it: register blocks, case tables, chains and generate blocks.</summary>
public sealed class VerilogWriterTests
{
    [Fact]
    public void Write_StatementLayer_PrintsEachConstruct()
    {
        var m = new VerilogModule("demo", ["Demo."]);
        m.Parameter("LANES", "2", "Lanes");
        m.Input("clk", "", "Clock");
        m.Input("rst", "", "Reset");
        m.Input("sel", "[1:0]", "Select");
        m.OutputReg("q", "[3:0]", "Output");
        m.Genvar("l", "Lane index");
        m.Registers("Counter", "rst", [("q", "4'd0")],
            [Stmt.Chain([("sel == 2'd0", [Stmt.Set("q", "q + 4'd1")]), ("sel == 2'd1", [Stmt.Set("q", "q - 4'd1")])], [Stmt.Table("sel", "q", [("2'd2", "4'd7")], "q", blocking: false)])]);
        var lanes = new GenerateForItem("One block per lane", "l", "LANES", "lane");
        lanes.Body.Wire("x", "", "Lane wire", "q[l]");
        m.Items.Add(lanes);
        string text = VerilogWriter.Write(m, "sha256:0");
        // A register block whose body is one if prints as an else-if chain.
        Assert.Contains(
            "always @(posedge clk) begin\n    if (rst) begin\n        q <= 4'd0;\n    end else if (sel == 2'd0) begin\n        q <= q + 4'd1;\n" +
            "    end else if (sel == 2'd1) begin\n        q <= q - 4'd1;\n    end else begin\n        case (sel)\n            2'd2: q <= 4'd7;\n" +
            "            default: q <= q;\n        endcase\n    end\nend\n", text, StringComparison.Ordinal);
        Assert.Contains("// One block per lane\ngenerate\nfor (l = 0; l < LANES; l = l + 1) begin : lane\n\n    // Lane wire\n    wire x = q[l];\nend\nendgenerate\n", text, StringComparison.Ordinal);
        Assert.Contains("// Lane index\ngenvar l;\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_FieldsInDeclaredOrder_OutputHistoryIsTheHiddenNeuron()
    {
        var signals = new AddressSignals("pre", "post", "kind", (t, signal) => $"{t.Name}_{LayoutField.Name(signal)}");
        var output = Table("output", PatternLayouts.Output, new LayoutField(Signal.Margin, 2), new LayoutField(Signal.PreHistory, 2), new LayoutField(Signal.Role, 1), new LayoutField(Signal.Weight, 3));
        Assert.Equal("{output_margin, post, kind, output_weight}", output.Address(signals));
        var hidden = Table("hidden", PatternLayouts.Recurrent, new LayoutField(Signal.PostHistory, 2), new LayoutField(Signal.Phase, 1), new LayoutField(Signal.PreHistory, 2));
        Assert.Equal("{post, hidden_phase, pre}", hidden.Address(signals));
    }

    [Fact]
    public void Address_FieldWithoutSignal_Throws()
    {
        var table = Table("hidden", "group", new LayoutField(Signal.PreHistory, 2), new LayoutField(Signal.Target, 1));
        var e = Assert.Throws<InvalidOperationException>(() => table.Address(new AddressSignals("pre", "post", "kind", (_, _) => "x")));
        Assert.Equal("Table 'hidden': no signal drives the address field 'target'", e.Message);
    }

    private static RuleTable Table(string name, string synapses, params LayoutField[] fields)
    {
        var layout = new TableLayout(name, synapses, TableMode.Add, [.. fields]);
        var bits = layout.BitMeanings().Select(b => b.Meaning).ToImmutableArray();
        return new RuleTable(name, 0, layout, [.. fields.Select(f => new TableField(f, LayoutField.Name(f.Signal), [.. Enumerable.Range(0, f.Bits).Reverse().Select(f.Meaning)]))],
            new RomImage(name, 4, layout.AddressBits, [.. new long[layout.Entries]], bits));
    }
}
