using HedgeMath.Exchanges.Internal;

namespace HedgeMath.Exchanges;

/// <summary>An API key and its secret (and OKX's passphrase) for the signed, read-only endpoints.</summary>
/// <remarks>
/// The secret never leaves this object except into the HMAC: <see cref="ToString"/> prints no part of the key or the secret,
/// and no exception of this package quotes them (signed requests are named by path only, without the query that
/// carries the signature). Use a key with read permission only: this package places no orders. Immutable and thread-safe.
/// </remarks>
public sealed class ExchangeCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="apiKey">The API key (sent in a header).</param>
    /// <param name="apiSecret">The secret (used only to sign).</param>
    /// <param name="passphrase">OKX's passphrase chosen with the key; null for Binance and Bybit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="apiKey"/> or <paramref name="apiSecret"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> or <paramref name="apiSecret"/> is blank.</exception>
    public ExchangeCredentials(string apiKey, string apiSecret, string? passphrase = null)
    {
        // The value is deliberately not echoed in the message of a blank key or secret.
        if (apiKey is null) throw new ArgumentNullException(nameof(apiKey));
        if (apiSecret is null) throw new ArgumentNullException(nameof(apiSecret));
        if (string.IsNullOrWhiteSpace(apiKey)) throw new ArgumentException("apiKey must not be empty or white space.", nameof(apiKey));
        if (string.IsNullOrWhiteSpace(apiSecret)) throw new ArgumentException("apiSecret must not be empty or white space.", nameof(apiSecret));
        ApiKey = apiKey.Trim();
        Secret = apiSecret.Trim();
        Passphrase = string.IsNullOrEmpty(passphrase) ? null : passphrase;
    }

    /// <summary>The API key (public half; still not printed by <see cref="ToString"/>).</summary>
    public string ApiKey { get; }

    /// <summary>OKX's passphrase, or null.</summary>
    public string? Passphrase { get; }

    internal string Secret { get; }

    /// <summary>The environment variable prefix for an exchange: <c>HEDGEMATH_BINANCE</c>, <c>HEDGEMATH_BYBIT</c> or <c>HEDGEMATH_OKX</c>.</summary>
    /// <param name="exchange">An identifier of <see cref="ExchangeNames"/>.</param>
    /// <returns>The prefix; the variables are <c>{prefix}_API_KEY</c>, <c>{prefix}_API_SECRET</c> and (OKX) <c>{prefix}_API_PASSPHRASE</c>.</returns>
    /// <exception cref="ArgumentException">The exchange is not one of <see cref="ExchangeNames.All"/>.</exception>
    public static string EnvironmentPrefix(string exchange) => ExchangeNames.Normalize(exchange) switch
    {
        ExchangeNames.BinanceUsdm or ExchangeNames.BinanceCoinm => "HEDGEMATH_BINANCE",
        ExchangeNames.BybitLinear or ExchangeNames.BybitInverse => "HEDGEMATH_BYBIT",
        ExchangeNames.OkxSwap => "HEDGEMATH_OKX",
        _ => throw new ArgumentException($"exchange must be one of {string.Join(", ", ExchangeNames.All)}; got '{exchange}'.", nameof(exchange)),
    };

    /// <summary>Reads credentials through a key/value lookup — an <c>IConfiguration</c> indexer (<c>k =&gt; config[k]</c>) or the environment.</summary>
    /// <param name="exchange">An identifier of <see cref="ExchangeNames"/>.</param>
    /// <param name="lookup">Returns the value of a name, or null. Names: <see cref="EnvironmentPrefix"/> + <c>_API_KEY</c>, <c>_API_SECRET</c>, <c>_API_PASSPHRASE</c>.</param>
    /// <returns>The credentials, or null when the key or the secret is not set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lookup"/> is null.</exception>
    /// <exception cref="ArgumentException">The exchange is not served.</exception>
    public static ExchangeCredentials? FromLookup(string exchange, Func<string, string?> lookup)
    {
        Check.NotNull(lookup);
        var prefix = EnvironmentPrefix(exchange);
        string? key = lookup(prefix + "_API_KEY"), secret = lookup(prefix + "_API_SECRET");
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret)) return null;
        return new ExchangeCredentials(key, secret, lookup(prefix + "_API_PASSPHRASE"));
    }

    /// <summary>Reads credentials from the environment (<c>HEDGEMATH_BINANCE_API_KEY</c>, <c>HEDGEMATH_BINANCE_API_SECRET</c>, ...).</summary>
    /// <param name="exchange">An identifier of <see cref="ExchangeNames"/>.</param>
    /// <returns>The credentials, or null when not set.</returns>
    /// <exception cref="ArgumentException">The exchange is not served.</exception>
    public static ExchangeCredentials? FromEnvironment(string exchange) => FromLookup(exchange, Environment.GetEnvironmentVariable);

    /// <summary>A redacted description: never any part of the key, secret or passphrase.</summary>
    /// <returns><c>ExchangeCredentials(redacted)</c>.</returns>
    public override string ToString() => "ExchangeCredentials(redacted)";
}
