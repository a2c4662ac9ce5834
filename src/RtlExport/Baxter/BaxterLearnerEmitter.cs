using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Baxter.BaxterHardwareDesign;

namespace Neuro.RtlExport.Baxter;

/// <summary>
/// The whole Baxter learner in RTL: one register per node activity and per learnable weight, each computing node's
/// sign of its weighted sum (as a majority count of agreeing terms), the clamp, and one rule LUT per learnable synapse.
/// One clock with <c>step</c> is one step of <see cref="Neuro.Rules.Baxter.BaxterMachine"/>.
/// </summary>
internal static class BaxterLearnerEmitter
{
    public static VerilogModule Build(BaxterHardwareDesign d)
    {
        var network = d.Network;
        int n = d.Nodes, inputs = d.Inputs, output = network.Output, learnable = d.Learnable;
        var m = new VerilogModule(d.Learner,
        [
            $"Baxter learner: {n} nodes of +-1 (node 0 bias, {(inputs == 1 ? "node 1 input" : $"nodes 1..{inputs} inputs")}, node {output} output, {network.Hidden} hidden), "
                + $"{network.Synapses.Length} synapses ({learnable} learnable), rule f{d.Document.Learner.Rule.Index} ({d.Document.Learner.Rule.Name}).",
            "One clock with step: a_i <= sign(sum_j w_ji * p_j) (sign(0) = -1) for the output and hidden nodes, where p is the",
            "presented activity vector (bias 1, inputs x, output = target while clamp); while clamp, every learnable weight",
            "w_ji <= f(p_j, p_i). Both updates read the same p. One bit per +-1 value: 1 is +1.",
            "rst: reset weights and initial activities (bias +1, others -1); clear: initial activities, weights kept.",
        ]);
        m.Input("clk", "", "Clock");
        m.Input("rst", "", "Synchronous reset: reset weights, initial activities");
        m.Input("clear", "", "Synchronous: initial activities, weights kept (before each test presentation)");
        m.Input("step", "", "Advance one step at this clock");
        m.Input("x", VerilogTypes.Range(inputs), "Inputs, 1 = +1; bit m is input node m + 1");
        m.Input("target", "", "The output's target, 1 = +1, presented while clamp");
        m.Input("clamp", "", "Training: clamp the output to target and write the learnable weights");
        m.OutputWire("out", "", "The output node's activity, 1 = +1");
        m.OutputWire("activities", VerilogTypes.Range(n), "Every node's activity, node i in bit i");
        m.OutputWire("weights", VerilogTypes.Range(learnable), "The learnable weights, synapse k (sorted by post, then pre) in bit k");

        m.LocalParam("INITIAL_ACTIVITIES", d.InitialActivities, "Bias +1, every other node -1", VerilogTypes.Range(n));
        m.LocalParam("RESET_WEIGHTS", d.ResetWeights, "The learnable weights at reset", VerilogTypes.Range(learnable));
        m.Reg("act_reg", VerilogTypes.Range(n), "Activities a(t)");
        m.Reg("w_reg", VerilogTypes.Range(learnable), "Learnable weights: "
            + string.Join(", ", network.Learnable.Select((s, k) => $"{k} {network.NodeName(s.Pre)}->{network.NodeName(s.Post)}")));
        m.Wire("presented", VerilogTypes.Range(n), "The activities this step reads");
        m.Wire("act_next", VerilogTypes.Range(n), "Activities after the step");
        m.Wire("w_write", VerilogTypes.Range(learnable), "f of each learnable synapse's presented ends");
        m.Wire("unused_presented", "", "Presented bits no synapse reads are read here (verilator's unused-signal pattern)", "^presented");

        string hidden = n - 1 > output ? $"act_reg[{Int(n - 1)}:{Int(output + 1)}], " : "";
        m.Assign("presented", $"{{{hidden}clamp ? target : act_reg[{Int(output)}], x, 1'b1}}");
        m.Assign($"act_next[{Int(inputs)}:0]", $"presented[{Int(inputs)}:0]");
        for (int node = output; node < n; node++)
        {
            var terms = d.Terms(node);
            string target = $"act_next[{Int(node)}]";
            if (terms.IsEmpty)
            {
                m.Assign(target, "1'b0");
                continue;
            }

            int width = CountWidth(terms.Length);
            string agree = $"agree_{Int(node)}";
            m.Wire(agree, VerilogTypes.Range(width), $"{network.NodeName(node)}: synapses whose w * p is +1, of {terms.Length}");
            string pad = width == 1 ? "" : $"{Int(width - 1)}'b0, ";
            m.Assign(agree, string.Join(" + ", terms.Select(t => $"{{{pad}{t}}}")));
            // sign(sum) = +1 exactly when 2 * agree > fan-in, i.e. agree >= fan-in / 2 + 1.
            m.Assign(target, $"{agree} >= {VerilogTypes.Decimal((terms.Length / 2) + 1, width)}");
        }

        for (int k = 0; k < learnable; k++)
        {
            var s = network.Learnable[k];
            m.Instance($"f for synapse {k}: {network.NodeName(s.Pre)} -> {network.NodeName(s.Post)}", d.LutModule, $"f_{Int(k)}", [],
                [("pre", Presented(s.Pre)), ("post", Presented(s.Post)), ("w", $"w_write[{Int(k)}]")]);
        }

        m.Registers("Registers: reset, clear, or one step (the weights only while clamped)", "rst",
            [("act_reg", "INITIAL_ACTIVITIES"), ("w_reg", "RESET_WEIGHTS")],
            [Stmt.If("clear",
                [Stmt.Set("act_reg", "INITIAL_ACTIVITIES")],
                [Stmt.If("step", [Stmt.Set("act_reg", "act_next"), Stmt.If("clamp", [Stmt.Set("w_reg", "w_write")])])])]);
        m.Assign("out", $"act_reg[{Int(output)}]");
        m.Assign("activities", "act_reg");
        m.Assign("weights", "w_reg");
        return m;
    }
}
