namespace Neuro.FixedPointSim;

/// <summary>Seeded generators of formats, raw values and awkward doubles, shared by the oracle and property tests.</summary>
internal sealed class RandomFixed(int seed)
{
    private readonly Random random = new(seed);

    public Random Random => random;

    /// <summary>
    /// A format with width 1..64 and integer bits drawn from five regimes: negative, zero, inside the width,
    /// equal to the width, and beyond it.
    /// </summary>
    public QFormat Format(bool? signed = null, int maxWidth = 64)
    {
        bool s = signed ?? random.Next(2) == 0;
        int width = random.Next(4) == 0 ? random.Next(33, maxWidth + 1) : random.Next(1, Math.Min(32, maxWidth) + 1);
        int intBits = random.Next(5) switch
        {
            0 => -random.Next(1, 20),
            1 => 0,
            2 => random.Next(0, width + 1),
            3 => width,
            _ => width + random.Next(1, 20),
        };
        return new QFormat(s, width, width - intBits);
    }

    /// <summary>A raw value of the format: uniform over the range, or one of its edges.</summary>
    public Int128 Raw(QFormat format)
    {
        Int128 min = format.MinRawWide, max = format.MaxRawWide;
        switch (random.Next(8))
        {
            case 0: return min;
            case 1: return max;
            case 2: return Int128.Clamp(0, min, max);
            case 3: return Int128.Clamp(1, min, max);
            case 4: return Int128.Clamp(-1, min, max);
            default:
                UInt128 span = (UInt128)(max - min) + 1;
                UInt128 r = ((UInt128)(ulong)random.NextInt64() << 64 | (ulong)random.NextInt64()) ^ ((UInt128)(ulong)random.Next() << 63);
                return min + (Int128)(span == 0 ? r : r % span);
        }
    }

    /// <summary>
    /// A double chosen to stress quantization into <paramref name="format"/>: exact halves of an LSB, ±max, min,
    /// one LSB past the range, thousands of LSBs past it, tiny and subnormal values, −0, random bit patterns.
    /// </summary>
    public double Double(QFormat format)
    {
        double lsb = Math.ScaleB(1.0, -format.FracBits);
        double max = (double)format.MaxRawWide * lsb;
        double min = (double)format.MinRawWide * lsb;
        double sign = random.Next(2) == 0 ? 1 : -1;
        double k = Math.Floor(random.NextDouble() * 64);
        return random.Next(14) switch
        {
            0 => (Math.Floor(random.NextDouble() * (double)format.MaxRawWide) + 0.5) * lsb * sign, // exact half LSB
            1 => (k + 0.5) * lsb * sign,                                 // half LSB near zero
            2 => max,
            3 => min,
            4 => max + lsb,                                              // one LSB past
            5 => min - lsb,
            6 => sign > 0 ? max + random.Next(1000, 100_000) * lsb : min - random.Next(1000, 100_000) * lsb,
            7 => sign * Math.ScaleB(random.NextDouble(), -format.FracBits - random.Next(1, 60)), // tiny
            8 => sign * double.Epsilon * random.Next(1, 1000),           // subnormal
            9 => -0.0,
            10 => RandomBits(),
            11 => (max - min) * random.NextDouble() + min,               // anywhere in range
            12 => sign * (max - (k * lsb) - lsb / 2),                    // ties just inside max
            _ => (random.NextDouble() * 2 - 1) * Math.Max(Math.Abs(max), Math.Abs(min)) * 1.5,
        };
    }

    /// <summary>A finite double from a uniformly random bit pattern.</summary>
    public double RandomBits()
    {
        while (true)
        {
            double d = BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63));
            if (double.IsFinite(d))
            {
                return d;
            }
        }
    }

    public Rounding Rounding() => (Rounding)random.Next(7);

    public Overflow Overflow() => (Overflow)random.Next(4);
}
