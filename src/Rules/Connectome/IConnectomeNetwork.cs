namespace Neuro.Rules.Connectome;

/// <summary>
/// The integer connectome network of the paper's code: every neuron holds an integer potential; each tick the neurons
/// with <c>|V| &gt; threshold</c> fire. Everything is integer arithmetic on raw weights, so every implementation agrees
/// bit for bit with <see cref="ReferenceConnectomeNetwork"/>.
/// </summary>
/// <remarks>
/// <para>One tick, given the stimulated input neurons: (1) the firing set is every neuron with <c>|V| &gt; θ</c>, judged on
/// the potentials at the start of the tick; (2) each firing neuron's potential resets to 0; (3) every stimulated neuron
/// and every firing neuron delivers its outgoing weights (a neuron both stimulated and firing delivers twice): a
/// chemical synapse adds its weight to its target, a gap junction adds its weight to both partners' targets in each
/// direction; (4) the motor outputs are what the left and the right motor muscles received in this tick. Muscles never
/// fire and hold nothing between ticks.</para>
/// <para>The paper's Python updates a dictionary in key order, so there a neuron that fires early in the order loses the
/// inputs it received earlier in the same tick and keeps later ones; here every delivery of a tick lands after every reset,
/// which does not depend on any order.</para>
/// </remarks>
public interface IConnectomeNetwork
{
    /// <summary>The structure the network runs.</summary>
    ConnectomeNetworkSpec Spec { get; }

    /// <summary>Loads <paramref name="weights"/> (of the same spec) and resets the potentials to 0.</summary>
    void Load(ConnectomeWeights weights);

    /// <summary>Sets every potential to 0.</summary>
    void Reset();

    /// <summary>Runs one tick with the neurons in <paramref name="stimulated"/> delivering as if they fired.</summary>
    MotorOutput Tick(ReadOnlySpan<int> stimulated);

    /// <summary>The neurons' raw potentials after the last tick.</summary>
    ReadOnlySpan<long> Potentials { get; }
}
