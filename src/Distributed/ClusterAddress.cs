using System.Globalization;

namespace Neuro.Distributed;

/// <summary>
/// Where a cluster's membership lives: a Redis server, written <c>redis://HOST:PORT</c>. Workers register there and the
/// driver finds them there; nothing else goes through Redis.
/// </summary>
/// <param name="Host">Redis host name or address.</param>
/// <param name="Port">Redis port.</param>
public sealed record ClusterAddress(string Host, int Port)
{
    /// <summary>The URI scheme of a Redis membership store.</summary>
    public const string Scheme = "redis";

    /// <summary>Parses <c>redis://HOST:PORT</c>.</summary>
    /// <exception cref="FormatException">Any other text, with a message naming the expected form.</exception>
    public static ClusterAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Scheme || uri.IsDefaultPort || uri.Port < 1
            || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new FormatException($"A cluster address is redis://HOST:PORT (e.g. redis://127.0.0.1:6379), not '{text}'");
        }

        return new ClusterAddress(uri.Host, uri.Port);
    }

    /// <summary>The StackExchange.Redis configuration string, <c>HOST:PORT</c>.</summary>
    public string RedisConfiguration => string.Create(CultureInfo.InvariantCulture, $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}");

    /// <summary><c>redis://HOST:PORT</c>.</summary>
    public override string ToString() => $"{Scheme}://{RedisConfiguration}";
}
