using System.Collections.Immutable;

namespace Neuro.RtlExport;

/// <summary>One 32-bit register of the learner's AXI4-Lite port.</summary>
/// <param name="Name">Its name (<c>CONTROL</c>, …); the C header prefixes it.</param>
/// <param name="Offset">Byte offset.</param>
/// <param name="Access"><c>RW</c>, <c>RO</c> or <c>RO/W1C</c>.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Read">The Verilog expression read back (32 bits).</param>
/// <param name="Fields">Named bits or bit ranges: name, low bit, width, meaning.</param>
internal sealed record LearnerRegister(string Name, int Offset, string Access, string Description, string Read, ImmutableArray<(string Name, int Low, int Width, string Meaning)> Fields);

/// <summary>
/// The learner's register map (docs/hardware.md): control, status, counters, the weight port and the parameters, in one
/// list from which the Verilog read multiplexer, the C header and the export's README are all written.
/// </summary>
internal static class RegisterMap
{
    /// <summary>Bits of the AXI4-Lite address.</summary>
    public const int AddressWidth = 8;

    /// <summary><c>ID</c>'s value: ASCII "NEUR".</summary>
    public const uint Magic = 0x4E455552;

    public static ImmutableArray<LearnerRegister> For(HardwareDesign d)
    {
        string result = Extend($"{{updated_reg, label_out_reg, prediction_reg}}", 2 * d.ClassWidth + 1);
        var registers = ImmutableArray.CreateBuilder<LearnerRegister>();
        registers.Add(new("CONTROL", 0x00, "RW", "Run control; reset value LEARN = 1, START = 0",
            "{29'd0, 1'b0, learn_reg, start_reg}",
            [("START", 0, 1, "1: accept samples from the input stream"), ("LEARN", 1, 1, "1: samples update the weights (per the rule); 0: frozen"), ("CLEAR", 2, 1, "write 1 while idle: zero every plastic weight and the counters (reads 0)")]));
        registers.Add(new("STATUS", 0x04, "RO/W1C", "State; FRAME_ERROR is sticky, cleared by writing 1",
            "{27'd0, frame_error_reg, m_axis_tvalid, core_busy, core_clearing, core_idle}",
            [("IDLE", 0, 1, "no sample running, no clear sequence"), ("CLEARING", 1, 1, "the clear sequence runs"), ("BUSY", 2, 1, "a sample is being computed"),
             ("RESULT_VALID", 3, 1, "a result waits on the output stream"), ("FRAME_ERROR", 4, 1, "a malformed input frame was dropped")]));
        registers.Add(new("SAMPLES", 0x08, "RO", "Samples completed", "samples_reg", []));
        registers.Add(new("UPDATES", 0x0C, "RO", "Synapse updates applied (weights written by the rule)", "updates_reg", []));
        registers.Add(new("CYCLES_LO", 0x10, "RO", "Clocks spent computing samples, low word", "cycles_reg[31:0]", []));
        registers.Add(new("CYCLES_HI", 0x14, "RO", "Clocks spent computing samples, high word", "cycles_reg[63:32]", []));
        registers.Add(new("LAST_CYCLES", 0x18, "RO", "Clocks the last sample took (start to done)", "last_cycles_reg", []));
        registers.Add(new("LAST_RESULT", 0x1C, "RO", "The last result, as on the output stream", result,
            [("PREDICTION", 0, d.ClassWidth, "the prediction"), ("LABEL", d.ClassWidth, d.ClassWidth, "the label"), ("UPDATED", 2 * d.ClassWidth, 1, "the sample updated the weights")]));
        registers.Add(new("ERRORS", 0x20, "RO", "Malformed input frames dropped", "errors_reg", []));
        registers.Add(new("WEIGHT_LAYER", 0x24, "RW", d.AveragesOutput ? "Weight port: layer (0 recurrent, 1 input, 2 output, 3 the output average's readout, read-only)" : "Weight port: layer (0 recurrent, 1 input, 2 output)", "{30'd0, weight_layer_reg}", []));
        registers.Add(new("WEIGHT_INDEX", 0x28, "RW", "Weight port: LOCAL << 8 | LANE (see the index macros)", "weight_index_reg",
            [("LANE", 0, 8, "the lane: neuron mod LANES"), ("LOCAL", 8, 24, "the word within the lane")]));
        registers.Add(new("WEIGHT_DATA", 0x2C, "RW", "Weight port: the weight (sign-extended); writing loads it (idle only, plastic layers only, else SLVERR)",
            d.WeightWidth > 32 ? "weight_rdata[31:0]" : Extend("weight_rdata", d.WeightWidth, signed: true), []));
        if (d.WeightWidth > 32)
        {
            registers.Add(new("WEIGHT_DATA_HI", 0x30, "RW", "Weight port: bits 63:32 of the weight (sign-extended); write it before WEIGHT_DATA",
                d.WeightWidth == 64 ? "weight_rdata[63:32]" : $"{{{{{64 - d.WeightWidth}{{weight_rdata[{d.WeightWidth - 1}]}}}}, weight_rdata[{d.WeightWidth - 1}:32]}}", []));
        }

        registers.Add(new("ID", 0x40, "RO", "Magic number 0x4E455552 (\"NEUR\")", "32'h4e455552", []));
        registers.Add(new("INPUTS", 0x44, "RO", "Parameter INPUTS", "INPUTS_32", []));
        registers.Add(new("HIDDEN", 0x48, "RO", "Parameter HIDDEN", "HIDDEN_32", []));
        registers.Add(new("CAP", 0x4C, "RO", "Parameter CAP", "CAP_32", []));
        registers.Add(new("ROUNDS", 0x50, "RO", "Parameter ROUNDS", "ROUNDS_32", []));
        registers.Add(new("CLASSES", 0x54, "RO", "Parameter CLASSES", "CLASSES_32", []));
        registers.Add(new("LANES", 0x58, "RO", "Parameter LANES", "LANES_32", []));
        registers.Add(new("WIDTHS", 0x5C, "RO", "Bit widths", "{ENTRY_WIDTH_8, ACT_WIDTH_8, WEIGHT_WIDTH_8, INPUT_WIDTH_8}",
            [("INPUT_WIDTH", 0, 8, "bits of an input"), ("WEIGHT_WIDTH", 8, 8, "bits of a weight"), ("ACT_WIDTH", 16, 8, "bits of an activation"), ("ENTRY_WIDTH", 24, 8, "bits of a rule-ROM word")]));
        return registers.ToImmutable();
    }

    /// <summary>A value of <paramref name="width"/> bits extended to 32 (sign-extended when <paramref name="signed"/>).</summary>
    private static string Extend(string value, int width, bool signed = false)
    {
        if (width >= 32)
        {
            return value;
        }

        return signed ? $"{{{{{32 - width}{{{value}[{width - 1}]}}}}, {value}}}" : $"{{{32 - width}'d0, {value}}}";
    }
}
