using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Neuro.FixedPointSim;

/// <summary>The vector form of <see cref="RawNarrowing"/> against its scalar form (which <c>QuantizationCoreTests</c> checks against the core).</summary>
public sealed class RawNarrowingTests
{
    private const string Seed = "20260601,7";

    private static readonly Gen<long> Raws = Gen.OneOf(
        ArbMap.Default.GeneratorFor<long>().Where(x => x != long.MinValue),
        Gen.Choose(-70_000, 70_000).Select(i => (long)i),
        Gen.Elements(long.MaxValue, -long.MaxValue, 0L, 1L, -1L));

    /// <summary>Shifts 0..40 (and a few outside 0..62 for the wide path); four raws scaled so most narrow into range, some not.</summary>
    private static readonly Gen<(long[] Raws, int Frac, QFormat Target, Rounding Rounding, Overflow Overflow)> Cases =
        from signed in ArbMap.Default.GeneratorFor<bool>()
        from width in Gen.Choose(1, 64)
        from targetFrac in Gen.Choose(-4, 40)
        from shift in Gen.Frequency((9, Gen.Choose(0, 40)), (1, Gen.Elements(-3, 63, 70)))
        from raws in Gen.ArrayOf(Raws, 4)
        from scaled in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from rounding in Gen.Elements(Enum.GetValues<Rounding>())
        from overflow in Gen.Elements(Enum.GetValues<Overflow>())
        where signed || width < 64
        let bits = Math.Clamp(width + Math.Max(shift, 0), 1, 63)
        select (scaled ? [.. raws.Select(r => r >> (64 - bits))] : raws, targetFrac + shift, new QFormat(signed, width, targetFrac), rounding, overflow);

    [Property(Replay = Seed, MaxTest = 20000)]
    public Property ApplyVector_AgreesWithTheScalarForm() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var narrowing = new RawNarrowing(c.Frac, c.Target, c.Rounding, c.Overflow);
            var lanes = narrowing.Apply(Vector256.Create(c.Raws));
            bool same = Enumerable.Range(0, 4).All(i => lanes[i] == narrowing.Apply(c.Raws[i]));
            return same.Label($"{string.Join(", ", c.Raws)} at {c.Frac} into {c.Target} {c.Rounding} {c.Overflow}");
        });
}
