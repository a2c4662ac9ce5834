namespace Neuro.Rules.Foraging;

/// <summary>
/// Food layouts of the paper's arena (numbered as its <c>generate_food_pattern</c>), all built around the arena's centre
/// <c>(cx, cy) = (W/2, H/2)</c> by <see cref="FoodLayout.Generate"/>.
/// </summary>
public enum FoodPattern
{
    /// <summary>0: uniform over the arena, rejecting items closer than 400 px to the centre (seeded).</summary>
    Random = 0,

    /// <summary>1: a ⌊√count⌋ × ⌊√count⌋ grid with spacing <c>W/(k+1)</c>, <c>H/(k+1)</c>.</summary>
    Grid = 1,

    /// <summary>2: four clusters centred at (W/2, H/4), (W/4, H/2), (3W/4, H/2), (W/2, 3H/4), offsets uniform in ±50 px (seeded).</summary>
    Clusters = 2,

    /// <summary>3: the outline of a square of side min(W, H)/2 about the centre, a quarter of the items per side, corners doubled.</summary>
    Square = 3,

    /// <summary>4: a circle of radius min(W, H)/4 about the centre, evenly spaced.</summary>
    Circle = 4,

    /// <summary>5: the outline of the triangle (W/2, 3H/4), (W/4, H/4), (3W/4, H/4), evenly spaced along it.</summary>
    Triangle = 5,
}
