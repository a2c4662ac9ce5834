namespace Neuro.Rules.Foraging;

/// <summary>A point of the arena in pixels; <c>y</c> grows upwards and headings are counter-clockwise from +x.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
public readonly record struct ArenaPoint(double X, double Y)
{
    /// <summary>The Euclidean distance to <paramref name="other"/>.</summary>
    public double DistanceTo(ArenaPoint other)
    {
        double dx = X - other.X, dy = Y - other.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
