using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.OpenClKernels.Host;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.OpenClKernels.Patterns;

/// <summary>
/// Runs many pattern-network lifetimes (a population of rules × datasets × network seeds) on an OpenCL device with the
/// <c>pattern_lifetime.cl</c> kernel, bit-exact with <see cref="FixedPatternNetwork"/>: the same contract as
/// <see cref="FixedLifetimeBatch.Run(IReadOnlyList{FixedLifetime}, PrecisionConfig, int, CancellationToken)"/>, plus every
/// prediction and the final raw weights of each lifetime.
/// </summary>
/// <remarks>
/// <para>The host prepares each lifetime from the one C# definition of every part: masks from
/// <see cref="PatternNetworkSpec.BuildMasks"/>, starting weights from <see cref="FixedPatternNetwork.Reset"/>, ROM words
/// from <see cref="RuleRom"/>, inputs quantized by <see cref="FixedQuantizer"/>; the kernel only runs the integer
/// lifetime. Lifetimes are grouped by their <see cref="PatternKernelDefines"/> (one program per define set, built once
/// per batch object); a group runs as one launch of one work-group per lifetime, split into several launches when its
/// buffers would exceed <see cref="OpenClBatchSettings.MemoryBudgetBytes"/> or the device's largest allocation. A dataset
/// that several lifetimes share is uploaded once per launch.</para>
/// <para>Thread-safe: concurrent <see cref="Run"/> calls take turns on the device.</para>
/// </remarks>
public sealed class OpenClLifetimeBatch : IDisposable
{
    private const string ResourceName = "Neuro.OpenClKernels.Kernels.pattern_lifetime.cl";
    private static readonly Lazy<string> Source = new(ReadSource);
    private readonly ClContext context;
    private readonly Dictionary<string, (ClProgram Program, ClKernel Kernel)> programs = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private double[] timings = new double[4];

    /// <summary>Opens <paramref name="device"/>.</summary>
    /// <exception cref="OpenClException">The context or queue cannot be created.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public OpenClLifetimeBatch(OpenClDevice device, OpenClBatchSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        Settings = settings ?? new OpenClBatchSettings();
        if (Settings.LocalSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), Settings.LocalSize, $"LocalSize must be at least 1, not {Settings.LocalSize}");
        }

        if (Settings.MemoryBudgetBytes is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), Settings.MemoryBudgetBytes, $"MemoryBudgetBytes must be at least 1, not {Settings.MemoryBudgetBytes}");
        }

        context = new ClContext(device);
    }

    /// <summary>The kernel's OpenCL C source (the embedded <c>Kernels/pattern_lifetime.cl</c>).</summary>
    public static string KernelSource => Source.Value;

    /// <summary>The device.</summary>
    public OpenClDevice Device => context.Device;

    /// <summary>The settings.</summary>
    public OpenClBatchSettings Settings { get; }

    /// <summary>Where the last <see cref="Run"/>'s time went (<see cref="OpenClRunTimings.None"/> before the first).</summary>
    public OpenClRunTimings LastTimings { get; private set; } = OpenClRunTimings.None;

    /// <summary>Kernel launches the last <see cref="Run"/> made (more than the define groups when a group was split).</summary>
    public int LastLaunches { get; private set; }

    /// <summary>
    /// Work-items per lifetime of a network of this shape on this device: <see cref="OpenClBatchSettings.LocalSize"/>, or
    /// by default on a GPU the hidden size rounded up to a multiple of 32 (a warp), at least 32 and at most 256 and the
    /// device's work-group limit; 1 on other devices.
    /// </summary>
    public int LocalSizeFor(PatternNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Settings.LocalSize ?? DefaultLocalSize(spec.Hidden, Device.IsGpu, Device.MaxWorkGroupSize);
    }

    /// <summary>The default of <see cref="LocalSizeFor"/> for a hidden size on a device of this kind and work-group limit.</summary>
    internal static int DefaultLocalSize(int hidden, bool isGpu, int maxWorkGroupSize)
    {
        if (!isGpu)
        {
            return 1;
        }

        int warps = Math.Clamp((hidden + 31) / 32 * 32, 32, 256);
        return Math.Max(1, Math.Min(warps, maxWorkGroupSize));
    }

    /// <summary>
    /// Runs every lifetime: reset, <see cref="FixedLifetime.Passes"/> online passes over its training data (forward, then
    /// the updates when misclassified or always), then frozen predictions on its holdout if it has one.
    /// </summary>
    /// <param name="lifetimes">The lifetimes; result <c>i</c> belongs to lifetime <c>i</c>.</param>
    /// <param name="precision">The signal types every lifetime runs at.</param>
    /// <param name="cancellation">Stops between launches.</param>
    /// <exception cref="ArgumentException">A lifetime is invalid (as <see cref="FixedLifetimeBatch.Validate"/> says), the
    /// precision does not suit a network (as <see cref="FixedPatternNetwork"/>'s constructor says), or the kernel cannot
    /// hold the config's arithmetic (<see cref="PatternKernelDefines.For"/>).</exception>
    /// <exception cref="OpenClException">A call fails, or one lifetime alone exceeds the memory budget.</exception>
    public OpenClLifetimeResult[] Run(IReadOnlyList<FixedLifetime> lifetimes, PrecisionConfig precision, CancellationToken cancellation = default) =>
        RunCore(lifetimes, precision, readWeights: true, cancellation);

    /// <summary>
    /// <see cref="Run"/> for the accuracies alone (what fitness needs): the final weights stay on the device, which saves
    /// their read-back (for MNIST-sized networks, most of a run's host time).
    /// </summary>
    /// <inheritdoc cref="Run" path="/param"/>
    /// <inheritdoc cref="Run" path="/exception"/>
    public FixedLifetimeResult[] RunAccuracies(IReadOnlyList<FixedLifetime> lifetimes, PrecisionConfig precision, CancellationToken cancellation = default) =>
        [.. RunCore(lifetimes, precision, readWeights: false, cancellation).Select(r => r.ToFixedLifetimeResult())];

    private OpenClLifetimeResult[] RunCore(IReadOnlyList<FixedLifetime> lifetimes, PrecisionConfig precision, bool readWeights, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(precision);
        FixedLifetimeBatch.Validate(lifetimes);
        long started = Stopwatch.GetTimestamp();
        var prepared = Prepare(lifetimes, precision);
        var results = new OpenClLifetimeResult[lifetimes.Count];
        lock (gate)
        {
            LastLaunches = 0;
            timings = new double[4];
            timings[0] = Stopwatch.GetElapsedTime(started).TotalSeconds;
            foreach (var group in prepared.GroupBy(p => p.Defines.Options, StringComparer.Ordinal))
            {
                var members = group.ToList();
                var kernel = Kernel(members[0].Defines);
                foreach (var chunk in Chunks(members))
                {
                    cancellation.ThrowIfCancellationRequested();
                    Launch(kernel, chunk, precision, results, readWeights);
                    LastLaunches++;
                }
            }

            LastTimings = new OpenClRunTimings(timings[0], timings[1], timings[2], timings[3]);
        }

        return results;
    }

    /// <summary>Device bytes each lifetime needs when it runs alone (its buffers and its datasets): what the split respects.</summary>
    internal long[] BytesAlone(IReadOnlyList<FixedLifetime> lifetimes, PrecisionConfig precision) =>
        [.. Prepare(lifetimes, precision).Select(p => LifetimeBytes(p).Total + Datasets(p.Lifetime).Sum(d => DatasetBytes(p.Defines, d)))];

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            foreach (var (program, kernel) in programs.Values)
            {
                kernel.Dispose();
                program.Dispose();
            }

            programs.Clear();
            context.Dispose();
        }
    }

    /// <summary>One lifetime with everything the device needs from the C# model.</summary>
    private sealed record Prepared(int Index, FixedLifetime Lifetime, PatternKernelDefines Defines, long[] Rom, byte[] Masks, long[] Weights)
    {
        public int Predictions => (Lifetime.Passes * Lifetime.Train.Count) + (Lifetime.Holdout?.Count ?? 0);
    }

    private List<Prepared> Prepare(IReadOnlyList<FixedLifetime> lifetimes, PrecisionConfig precision)
    {
        var masks = new Dictionary<PatternNetworkSpec, (PatternNetworkMasks Masks, byte[] Bytes)>();
        var starts = new Dictionary<(PatternNetworkSpec, bool, bool, bool), long[]>();
        var prepared = new List<Prepared>(lifetimes.Count);
        for (int i = 0; i < lifetimes.Count; i++)
        {
            var lifetime = lifetimes[i];
            var spec = lifetime.Spec;
            var rule = lifetime.Rule;
            var defines = PatternKernelDefines.For(spec, rule, precision, LocalSizeFor(spec));
            bool minor = defines.NeuronMinor; // a function of the spec within this batch, so the caches below stay valid
            if (!masks.TryGetValue(spec, out var m))
            {
                var built = spec.BuildMasks();
                var bytes = new byte[PatternKernelDefines.MaskWords(spec)];
                ToDevice(built.Input.Select(b => b ? (byte)1 : (byte)0).ToArray(), built.Recurrent.Select(b => b ? (byte)1 : (byte)0).ToArray(), spec, minor, bytes);
                masks[spec] = m = (built, bytes);
            }

            var plan = new PatternUpdatePlan(rule);
            var key = (spec, plan.RecurrentStartsAtZero, plan.InputStartsAtZero, plan.OutputStartsAtZero);
            if (!starts.TryGetValue(key, out var weights))
            {
                // The golden model's reset state is the one definition of the starting weights.
                var golden = new FixedPatternNetwork(spec, m.Masks, rule, precision);
                weights = new long[PatternKernelDefines.WeightWords(spec)];
                ToDevice(golden.InputWeightsRaw, golden.RecurrentWeightsRaw, spec, minor, weights);
                golden.OutputWeightsRaw.CopyTo(weights.AsSpan(golden.InputWeightsRaw.Length + golden.RecurrentWeightsRaw.Length));
                starts[key] = weights;
            }

            prepared.Add(new Prepared(i, lifetime, defines, new RuleRom(rule, precision).Words(), m.Bytes, weights));
        }

        return prepared;
    }

    private ClKernel Kernel(PatternKernelDefines defines)
    {
        if (!programs.TryGetValue(defines.Options, out var entry))
        {
            var program = context.Build(KernelSource, defines.Options);
            entry = (program, program.Kernel(PatternKernelDefines.KernelName));
            programs[defines.Options] = entry;
        }

        return entry.Kernel;
    }

    /// <summary>Splits a define group into launches whose buffers fit the budget and the device's largest allocation.</summary>
    private IEnumerable<List<Prepared>> Chunks(List<Prepared> members)
    {
        long budget = Settings.MemoryBudgetBytes ?? (Device.GlobalMemoryBytes / 4 * 3);
        long maxAllocation = Math.Min(budget, Device.MaxAllocationBytes > 0 ? Device.MaxAllocationBytes : long.MaxValue);
        var chunk = new List<Prepared>();
        var seen = new HashSet<Dataset>(ReferenceEqualityComparer.Instance);
        long total = 0, weightBytes = 0, inputBytes = 0;
        foreach (var p in members)
        {
            var (fixedBytes, weightsOnly) = LifetimeBytes(p);
            long dataBytes = 0;
            foreach (var data in Datasets(p.Lifetime))
            {
                if (!seen.Contains(data))
                {
                    dataBytes += DatasetBytes(p.Defines, data);
                }
            }

            bool fits = total + fixedBytes + dataBytes <= budget
                && weightBytes + weightsOnly <= maxAllocation
                && inputBytes + dataBytes <= maxAllocation;
            if (!fits && chunk.Count > 0)
            {
                yield return chunk;
                chunk = [];
                seen.Clear();
                total = weightBytes = inputBytes = 0;
                dataBytes = Datasets(p.Lifetime).Sum(d => DatasetBytes(p.Defines, d));
            }

            if (chunk.Count == 0 && (fixedBytes + dataBytes > budget || weightsOnly > maxAllocation || dataBytes > maxAllocation))
            {
                throw new OpenClException(string.Create(CultureInfo.InvariantCulture,
                    $"Lifetime {p.Index} alone needs {fixedBytes + dataBytes} bytes of device memory (weights {weightsOnly}); the budget is {budget} bytes and the largest allocation {maxAllocation} on {Device.Name}"));
            }

            chunk.Add(p);
            foreach (var data in Datasets(p.Lifetime))
            {
                seen.Add(data);
            }

            total += fixedBytes + dataBytes;
            weightBytes += weightsOnly;
            inputBytes += dataBytes;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static (long Total, long Weights) LifetimeBytes(Prepared p)
    {
        var spec = p.Lifetime.Spec;
        long weights = PatternKernelDefines.WeightWords(spec) * (p.Defines.WideWeights ? 8 : 4);
        // Its mask and start images are counted as its own although lifetimes of one network seed share them.
        long total = (p.Rom.Length * 8L) + p.Masks.Length + (2 * weights) + (PatternKernelDefines.ScratchWords(spec, p.Defines.AveragesOutput) * 8)
            + (spec.Hidden * 4L) + (PatternKernelDefines.MetaWords * 4) + (p.Predictions * 4L)
            + (p.Defines.PerNeuron ? spec.Hidden * 4L : 0);
        return (total, weights);
    }

    private static long DatasetBytes(PatternKernelDefines defines, Dataset data) =>
        ((long)data.Count * data.Features * (defines.WideInputs ? 8 : 4)) + (data.Count * 4L);

    /// <summary>The lifetime's distinct datasets (the holdout may be the training set itself).</summary>
    private static Dataset[] Datasets(FixedLifetime lifetime) =>
        lifetime.Holdout is { } holdout && !ReferenceEquals(holdout, lifetime.Train) ? [lifetime.Train, holdout] : [lifetime.Train];

    private void Launch(ClKernel kernel, List<Prepared> chunk, PrecisionConfig precision, OpenClLifetimeResult[] results, bool readWeights)
    {
        long phase = Stopwatch.GetTimestamp();
        var first = chunk[0];
        var spec = first.Lifetime.Spec;
        var defines = first.Defines;
        int romWords = first.Rom.Length;
        long weightWords = PatternKernelDefines.WeightWords(spec);
        int count = chunk.Count;

        // Distinct datasets, quantized once, concatenated; likewise the distinct mask and starting-weight images, which
        // lifetimes of one network seed share (the kernel copies its start image into its own weights).
        var offsets = new Dictionary<Dataset, int>(ReferenceEqualityComparer.Instance);
        var inputs = new List<long[]>();
        var labels = new List<int>();
        int samples = 0;
        foreach (var data in chunk.SelectMany(p => Datasets(p.Lifetime)))
        {
            if (offsets.ContainsKey(data))
            {
                continue;
            }

            offsets[data] = samples;
            var raws = new long[data.Values.Length];
            FixedQuantizer.Quantize(data.Values, raws, precision.Input);
            inputs.Add(raws);
            labels.AddRange(data.Labels.ToArray());
            samples += data.Count;
        }

        var maskImages = Distinct(chunk.Select(p => p.Masks));
        var startImages = Distinct(chunk.Select(p => p.Weights));
        var rom = new long[(long)count * romWords];
        var meta = new int[count * PatternKernelDefines.MetaWords];
        int slots = 0;
        for (int g = 0; g < count; g++)
        {
            var p = chunk[g];
            p.Rom.CopyTo(rom, (long)g * romWords);
            var l = p.Lifetime;
            int[] entry =
            [
                offsets[l.Train], l.Train.Count, l.Passes, l.Holdout is { } h ? offsets[h] : 0, l.Holdout?.Count ?? 0, slots,
                maskImages.Index[p.Masks], startImages.Index[p.Weights],
                precision.StochasticBits > 0 ? unchecked((int)XorShift32.Seed(l.Spec.Seed)) : 0,
            ];
            entry.CopyTo(meta, g * PatternKernelDefines.MetaWords);
            slots += p.Predictions;
        }

        long[] allInputs = [.. inputs.SelectMany(a => a)];
        byte[] masks = [.. maskImages.Images.SelectMany(m => m)];
        long[] starts = [.. startImages.Images.SelectMany(w => w)];
        timings[0] += Stopwatch.GetElapsedTime(phase).TotalSeconds;
        phase = Stopwatch.GetTimestamp();

        using var romBuffer = context.Allocate<long>(rom.Length);
        using var maskBuffer = context.Allocate<byte>(masks.Length);
        using var labelBuffer = context.Allocate<int>(labels.Count);
        using var metaBuffer = context.Allocate<int>(meta.Length);
        using var predictionBuffer = context.Allocate<int>(slots);
        using var scratchBuffer = context.Allocate<long>(count * PatternKernelDefines.ScratchWords(spec, defines.AveragesOutput));
        using var patternBuffer = context.Allocate<int>((long)count * spec.Hidden);

        // Per-neuron streams: each lifetime's generators start at its network seed's NeuronSeeds; one unused word otherwise.
        uint[] states = defines.PerNeuron ? [.. chunk.SelectMany(p => XorShift32.NeuronSeeds(p.Lifetime.Spec.Seed, spec.Hidden))] : [0];
        using var stateBuffer = context.Allocate<uint>(states.Length);
        stateBuffer.Write(states);
        romBuffer.Write(rom);
        maskBuffer.Write(masks);
        labelBuffer.Write(labels.ToArray());
        metaBuffer.Write(meta);
        using var weightBuffer = new RawBuffer(context, count * weightWords, defines.WideWeights);
        using var startBuffer = new RawBuffer(context, starts.Length, defines.WideWeights);
        startBuffer.Write(starts);
        using var inputBuffer = new RawBuffer(context, allInputs.Length, defines.WideInputs);
        inputBuffer.Write(allInputs);

        kernel.SetArgument(0, romBuffer);
        kernel.SetArgument(1, maskBuffer);
        weightBuffer.SetArgument(kernel, 2);
        startBuffer.SetArgument(kernel, 3);
        inputBuffer.SetArgument(kernel, 4);
        kernel.SetArgument(5, labelBuffer);
        kernel.SetArgument(6, metaBuffer);
        kernel.SetArgument(7, predictionBuffer);
        kernel.SetArgument(8, scratchBuffer);
        kernel.SetArgument(9, patternBuffer);
        kernel.SetArgument(10, stateBuffer);
        context.Finish();
        timings[1] += Stopwatch.GetElapsedTime(phase).TotalSeconds;
        phase = Stopwatch.GetTimestamp();
        kernel.Launch(count, LocalSizeFor(spec));
        context.Finish();
        timings[2] += Stopwatch.GetElapsedTime(phase).TotalSeconds;
        phase = Stopwatch.GetTimestamp();

        var predictions = new int[slots];
        predictionBuffer.Read(predictions);
        var finals = new long[readWeights ? count : 0][];
        for (int g = 0; g < finals.Length; g++)
        {
            finals[g] = new long[weightWords];
            weightBuffer.Read(finals[g], g * weightWords);
        }

        int nIn = spec.Hidden * spec.Inputs, nRec = spec.Hidden * spec.Hidden, nOut = spec.Classes * spec.Hidden;
        Parallel.For(0, count, g =>
        {
            var p = chunk[g];
            var l = p.Lifetime;
            int slot = meta[(g * PatternKernelDefines.MetaWords) + 5];
            int trainCount = l.Passes * l.Train.Count;
            int[] train = predictions[slot..(slot + trainCount)];
            int[] holdout = predictions[(slot + trainCount)..(slot + p.Predictions)];
            long[] input = [], recurrent = [], output = [];
            if (readWeights)
            {
                var final = finals[g].AsSpan();
                input = defines.NeuronMinor ? Transpose<long>(final[..nIn], spec.Inputs, spec.Hidden) : final[..nIn].ToArray();
                recurrent = defines.NeuronMinor ? Transpose<long>(final.Slice(nIn, nRec), spec.Hidden, spec.Hidden) : final.Slice(nIn, nRec).ToArray();
                output = final.Slice(nIn + nRec, nOut).ToArray();
            }

            results[p.Index] = new OpenClLifetimeResult(
                Accuracy(train.AsSpan(trainCount - l.Train.Count), l.Train),
                l.Holdout is { } h ? Accuracy(holdout, h) : null,
                train,
                holdout,
                input,
                recurrent,
                output);
        });

        timings[3] += Stopwatch.GetElapsedTime(phase).TotalSeconds;
    }

    /// <summary>The distinct arrays (by reference) in order of first use, and each one's index.</summary>
    private static (List<T[]> Images, Dictionary<T[], int> Index) Distinct<T>(IEnumerable<T[]> arrays)
    {
        var images = new List<T[]>();
        var index = new Dictionary<T[], int>(ReferenceEqualityComparer.Instance);
        foreach (var a in arrays)
        {
            if (index.TryAdd(a, images.Count))
            {
                images.Add(a);
            }
        }

        return (images, index);
    }

    /// <summary>
    /// Writes the golden model's row-major input (neuron × input) and recurrent (post × pre) arrays into the kernel's
    /// layout at the start of <paramref name="device"/>: as they are, or both transposed in the neuron-minor layout
    /// (<see cref="PatternKernelDefines.NeuronMinor"/>), so work-items owning neighbouring neurons read neighbouring words.
    /// </summary>
    private static void ToDevice<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> recurrent, PatternNetworkSpec spec, bool neuronMinor, Span<T> device)
    {
        if (neuronMinor)
        {
            Transpose(input, spec.Hidden, spec.Inputs).CopyTo(device);
            Transpose(recurrent, spec.Hidden, spec.Hidden).CopyTo(device[input.Length..]);
        }
        else
        {
            input.CopyTo(device);
            recurrent.CopyTo(device[input.Length..]);
        }
    }

    /// <summary>The transpose of a row-major <paramref name="rows"/> × <paramref name="columns"/> array, row-major.</summary>
    private static T[] Transpose<T>(ReadOnlySpan<T> source, int rows, int columns)
    {
        var result = new T[source.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = source[(r * columns) + c];
            }
        }

        return result;
    }

    /// <summary>Fraction of <paramref name="predictions"/> equal to the labels (0 for no samples), as <see cref="PatternLifetime"/> counts.</summary>
    private static double Accuracy(ReadOnlySpan<int> predictions, Dataset data)
    {
        int correct = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            correct += predictions[i] == data.Label(i) ? 1 : 0;
        }

        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    private static string ReadSource()
    {
        using var stream = typeof(OpenClLifetimeBatch).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded kernel {ResourceName} is missing from {typeof(OpenClLifetimeBatch).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Raw integers on the device as the kernel's <c>long</c> or <c>int</c> type (<see cref="OpenClTypes.RawType"/>).</summary>
    private sealed class RawBuffer : IDisposable
    {
        private readonly ClBuffer<long>? wide;
        private readonly ClBuffer<int>? narrow;

        public RawBuffer(ClContext context, long count, bool isWide)
        {
            if (isWide)
            {
                wide = context.Allocate<long>(count);
            }
            else
            {
                narrow = context.Allocate<int>(count);
            }
        }

        public void Write(long[] values)
        {
            if (wide is not null)
            {
                wide.Write(values);
                return;
            }

            var ints = new int[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                ints[i] = checked((int)values[i]);
            }

            narrow!.Write(ints);
        }

        public void SetArgument(ClKernel kernel, uint index)
        {
            if (wide is not null)
            {
                kernel.SetArgument(index, wide);
            }
            else
            {
                kernel.SetArgument(index, narrow!);
            }
        }

        /// <summary>Reads <paramref name="into"/>.Length elements from element <paramref name="offset"/> on.</summary>
        public void Read(long[] into, long offset)
        {
            if (wide is not null)
            {
                wide.Read(into, offset);
                return;
            }

            var ints = new int[into.Length];
            narrow!.Read(ints, offset);
            for (int i = 0; i < into.Length; i++)
            {
                into[i] = ints[i];
            }
        }

        public void Dispose()
        {
            wide?.Dispose();
            narrow?.Dispose();
        }
    }
}
