using System.Collections.Immutable;

namespace Neuro.Rules.Foraging;

/// <summary>Places the food of a <see cref="FoodPattern"/>, with the paper code's geometry (see each pattern's summary).</summary>
public static class FoodLayout
{
    /// <summary>
    /// The items of <paramref name="pattern"/> in <paramref name="settings"/>' arena; the random and cluster patterns draw from
    /// <c>SeedSequence.Random(seed, (long)pattern)</c> (x before y, item by item), the others ignore the seed.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public static ImmutableArray<ArenaPoint> Generate(FoodPattern pattern, ForagingSettings settings, long seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        double w = settings.Width, h = settings.Height, cx = w / 2, cy = h / 2;
        int count = settings.FoodCount;
        var food = ImmutableArray.CreateBuilder<ArenaPoint>(count);
        switch (pattern)
        {
            case FoodPattern.Random:
            {
                var rng = SeedSequence.Random(seed, (long)pattern);
                while (food.Count < count)
                {
                    var p = new ArenaPoint(rng.NextDouble() * w, rng.NextDouble() * h);
                    if (p.DistanceTo(new ArenaPoint(cx, cy)) >= settings.RandomMinDistance)
                    {
                        food.Add(p);
                    }
                }

                break;
            }

            case FoodPattern.Grid:
            {
                int k = (int)Math.Sqrt(count);
                double sx = w / (k + 1), sy = h / (k + 1);
                for (int i = 1; i <= k; i++)
                {
                    for (int j = 1; j <= k; j++)
                    {
                        food.Add(new ArenaPoint(i * sx, j * sy));
                    }
                }

                break;
            }

            case FoodPattern.Clusters:
            {
                var rng = SeedSequence.Random(seed, (long)pattern);
                ArenaPoint[] centres = [new(w / 2, h / 4), new(w / 4, h / 2), new(w * 3 / 4, h / 2), new(w / 2, h * 3 / 4)];
                foreach (var c in centres)
                {
                    for (int i = 0; i < count / centres.Length; i++)
                    {
                        double dx = ((2 * rng.NextDouble()) - 1) * settings.ClusterSpread;
                        double dy = ((2 * rng.NextDouble()) - 1) * settings.ClusterSpread;
                        food.Add(new ArenaPoint(c.X + dx, c.Y + dy));
                    }
                }

                break;
            }

            case FoodPattern.Square:
            {
                double side = Math.Min(w, h) / 2, half = side / 2;
                int perSide = count / 4;
                for (int i = 0; i < count; i++)
                {
                    int edge = Math.Min(i / perSide, 3);
                    double t = (double)(i % perSide) / (perSide - 1);
                    food.Add(edge switch
                    {
                        0 => new ArenaPoint(cx - half + (t * side), cy - half),
                        1 => new ArenaPoint(cx + half, cy - half + (t * side)),
                        2 => new ArenaPoint(cx + half - (t * side), cy + half),
                        _ => new ArenaPoint(cx - half, cy + half - (t * side)),
                    });
                }

                break;
            }

            case FoodPattern.Circle:
            {
                double radius = Math.Min(w, h) / 4;
                for (int i = 0; i < count; i++)
                {
                    double angle = 2 * Math.PI * i / count;
                    food.Add(new ArenaPoint(cx + (radius * Math.Cos(angle)), cy + (radius * Math.Sin(angle))));
                }

                break;
            }

            case FoodPattern.Triangle:
            {
                ArenaPoint top = new(w / 2, h * 3 / 4), left = new(w / 4, h / 4), right = new(w * 3 / 4, h / 4);
                for (int i = 0; i < count; i++)
                {
                    double p = (double)i / (count - 1);
                    var (from, to, r) = p <= 1.0 / 3 ? (top, left, p / (1.0 / 3))
                        : p <= 2.0 / 3 ? (left, right, (p - (1.0 / 3)) / (1.0 / 3))
                        : (right, top, (p - (2.0 / 3)) / (1.0 / 3));
                    food.Add(new ArenaPoint(from.X + (r * (to.X - from.X)), from.Y + (r * (to.Y - from.Y))));
                }

                break;
            }

            default:
                throw new ArgumentException($"Unknown food pattern {pattern}", nameof(pattern));
        }

        return food.ToImmutable();
    }
}
