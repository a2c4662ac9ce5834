namespace Neuro.Rules.Foraging;

/// <summary>The paper's two-wheel kinematics (<c>c_worm.move</c>): the motor sums steer and drive the worm.</summary>
public static class WormKinematics
{
    /// <summary>
    /// One tick: <c>θ ← wrap(θ + (right − left)/WheelBase)</c> into [−π, π) (floored modulo, as Python's <c>%</c>), then a
    /// step of <c>clamp(|left| + |right|, MinDrive, MaxDrive)/SpeedDivisor</c> along the new heading, clamped into the arena.
    /// </summary>
    /// <param name="state">Position and heading before the tick.</param>
    /// <param name="left">Left motor sum in weight units.</param>
    /// <param name="right">Right motor sum in weight units.</param>
    /// <param name="settings">Arena and kinematic constants.</param>
    public static WormState Move(WormState state, double left, double right, ForagingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double speed = Math.Clamp(Math.Abs(left) + Math.Abs(right), settings.MinDrive, settings.MaxDrive) / settings.SpeedDivisor;
        double heading = Wrap(state.Heading + ((right - left) / settings.WheelBase));
        double x = Math.Clamp(state.Position.X + (speed * Math.Cos(heading)), 0, settings.Width);
        double y = Math.Clamp(state.Position.Y + (speed * Math.Sin(heading)), 0, settings.Height);
        return new WormState(new ArenaPoint(x, y), heading);
    }

    /// <summary><paramref name="angle"/> wrapped into [−π, π): <c>((a + π) mod 2π) − π</c> with a floored modulo.</summary>
    public static double Wrap(double angle)
    {
        double m = (angle + Math.PI) % (2 * Math.PI);
        if (m < 0)
        {
            m += 2 * Math.PI;
        }

        return m - Math.PI;
    }
}
