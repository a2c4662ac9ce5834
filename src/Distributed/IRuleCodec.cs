namespace Neuro.Distributed;

/// <summary>Writes a rule as text for the wire and reads it back exactly (every table entry bit for bit).</summary>
/// <typeparam name="TRule">The rule type.</typeparam>
public interface IRuleCodec<TRule>
{
    /// <summary>The rule as text.</summary>
    string Encode(TRule rule);

    /// <summary>The rule <see cref="Encode"/> wrote; equal to the original.</summary>
    TRule Decode(string text);
}
