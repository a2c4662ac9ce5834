namespace Neuro.Rules.Connectome;

/// <summary>Which motor output a body-wall muscle feeds.</summary>
public enum MuscleSide
{
    /// <summary>Left (dorsal and ventral): <c>dBWML*</c>, <c>vBWML*</c>.</summary>
    Left,

    /// <summary>Right: <c>dBWMR*</c>, <c>vBWMR*</c>.</summary>
    Right,
}
