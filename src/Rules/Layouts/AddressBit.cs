namespace Neuro.Rules.Layouts;

/// <summary>The meaning of one address bit of a table.</summary>
/// <param name="Bit">The address bit, 0 = least significant.</param>
/// <param name="Signal">The signal of the field the bit belongs to.</param>
/// <param name="FieldBit">The bit of the field's value, 0 = least significant.</param>
/// <param name="Meaning">What the bit says, in words.</param>
public sealed record AddressBit(int Bit, string Signal, int FieldBit, string Meaning);
