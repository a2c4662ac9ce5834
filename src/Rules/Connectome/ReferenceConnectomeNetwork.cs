namespace Neuro.Rules.Connectome;

/// <summary>
/// The straightforward implementation of <see cref="IConnectomeNetwork"/>: a dense weight matrix over neurons and
/// muscles, a loop over neurons for the firing test and a loop over every node for each delivery. It is the golden
/// model the fast implementation is tested against, and the baseline of the benchmark.
/// </summary>
public sealed class ReferenceConnectomeNetwork : IConnectomeNetwork
{
    private readonly int _nodes;
    private readonly long[] _weights; // row = source node, column = target node
    private readonly long[] _v;
    private readonly List<int> _fired = [];

    /// <summary>A network of <paramref name="spec"/> with all weights 0; call <see cref="Load"/>.</summary>
    public ReferenceConnectomeNetwork(ConnectomeNetworkSpec spec)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _nodes = spec.NeuronCount + spec.MuscleNames.Length;
        _weights = new long[_nodes * _nodes];
        _v = new long[_nodes];
    }

    /// <inheritdoc/>
    public ConnectomeNetworkSpec Spec { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<long> Potentials => _v.AsSpan(0, Spec.NeuronCount);

    /// <inheritdoc/>
    public void Load(ConnectomeWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Spec != Spec)
        {
            throw new ArgumentException("The weights belong to another network spec", nameof(weights));
        }

        Array.Clear(_weights);
        for (int k = 0; k < Spec.Chemical.Length; k++)
        {
            var s = Spec.Chemical[k];
            _weights[(s.Pre * _nodes) + s.Post] += weights.Raw[k];
        }

        for (int k = 0; k < Spec.GapJunctions.Length; k++)
        {
            var g = Spec.GapJunctions[k];
            long w = weights.Raw[Spec.ChemicalCount + k];
            _weights[(g.A * _nodes) + g.B] += w;
            _weights[(g.B * _nodes) + g.A] += w;
        }

        Reset();
    }

    /// <inheritdoc/>
    public void Reset() => Array.Clear(_v);

    /// <inheritdoc/>
    public MotorOutput Tick(ReadOnlySpan<int> stimulated)
    {
        long threshold = Spec.ThresholdRaw;
        _fired.Clear();
        for (int i = 0; i < Spec.NeuronCount; i++)
        {
            if (Math.Abs(_v[i]) > threshold)
            {
                _fired.Add(i);
            }
        }

        foreach (int i in _fired)
        {
            _v[i] = 0;
        }

        foreach (int source in stimulated)
        {
            Deliver(source);
        }

        foreach (int source in _fired)
        {
            Deliver(source);
        }

        long left = 0, right = 0;
        for (int m = 0; m < Spec.MuscleNames.Length; m++)
        {
            int node = Spec.NeuronCount + m;
            if (Spec.MuscleSides[m] == MuscleSide.Left)
            {
                left += _v[node];
            }
            else
            {
                right += _v[node];
            }

            _v[node] = 0;
        }

        return new MotorOutput(left, right);
    }

    private void Deliver(int source)
    {
        for (int target = 0; target < _nodes; target++)
        {
            _v[target] += _weights[(source * _nodes) + target];
        }
    }
}
