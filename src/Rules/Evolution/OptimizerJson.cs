using System.Text.Json;
using System.Text.Json.Serialization;

namespace Neuro.Rules.Evolution;

/// <summary>
/// The JSON conventions of optimizer checkpoints: camelCase names, enums as strings, and named literals for the
/// infinities a fitness may take. The default number writer prints the shortest round-trip form, so every double
/// reads back bit for bit. Reading is strict (<see cref="JsonSerializerOptions.Strict"/>): unknown and duplicate
/// members are errors, as in every other file a user can hand to <c>neuro</c>.
/// </summary>
internal static class OptimizerJson
{
    /// <summary>The version written to and required in every state.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Strict)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        WriteIndented = false,
    };

    /// <summary>Serializes a state object.</summary>
    public static string Write<T>(T state) => JsonSerializer.Serialize(state, Options);

    /// <summary>
    /// Reads a state object of the optimizer <paramref name="name"/> and checks its header; any JSON problem becomes an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public static T Read<T>(string json, string name)
        where T : OptimizerState
    {
        T? state;
        try
        {
            state = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Optimizer state for '{name}' is malformed{(e.Path is { } path ? $" at {path}" : "")}: {Brief(e.Message)}", nameof(json), e);
        }

        if (state is null)
        {
            throw new ArgumentException($"Optimizer state for '{name}' is null", nameof(json));
        }

        Header(name, state.Version, state.Dimension, state.Generation);
        return state;
    }

    /// <summary>System.Text.Json's message without the .NET type and position it appends (the path is reported apart).</summary>
    private static string Brief(string message)
    {
        foreach (string tail in new[] { " encountered during deserialization", " Path: ", " could not be mapped to any .NET member" })
        {
            int at = message.IndexOf(tail, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at] + (tail == " could not be mapped to any .NET member" ? " is not a member of the state" : "");
            }
        }

        return message.TrimEnd('.', ' ');
    }

    /// <summary><paramref name="sigma"/> after checking that it is positive and finite.</summary>
    public static double Sigma(double sigma) =>
        sigma > 0 && double.IsFinite(sigma)
            ? sigma
            : throw new ArgumentException($"Optimizer state field 'sigma' must be positive and finite, not {OptimizerChecks.Format(sigma)}", nameof(sigma));

    /// <summary>Checks the header fields every state carries.</summary>
    private static void Header(string name, int version, int dimension, int generation)
    {
        if (version != Version)
        {
            throw new ArgumentException($"Optimizer state for '{name}' has version {version}; this reader takes {Version}");
        }

        if (generation < 0)
        {
            throw new ArgumentException($"Optimizer state field 'generation' must be non-negative, not {generation}");
        }

        OptimizerChecks.Dimension(dimension);
    }

    /// <summary><paramref name="values"/> after checking that it is present and has <paramref name="length"/> entries.</summary>
    public static T[] Array<T>(T[]? values, int length, string field) =>
        values is null
            ? throw new ArgumentException($"Optimizer state field '{field}' is missing")
            : values.Length != length
                ? throw new ArgumentException($"Optimizer state field '{field}' must have {length} entries, not {values.Length}")
                : values;

    /// <summary><paramref name="value"/> after checking that it is present.</summary>
    public static T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw new ArgumentException($"Optimizer state field '{field}' is missing");
}
