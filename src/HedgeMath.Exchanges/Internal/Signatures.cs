using System.Security.Cryptography;
using System.Text;

namespace HedgeMath.Exchanges.Internal;

/// <summary>The three exchanges' request signatures (HMAC-SHA256 over each one's documented pre-hash string).</summary>
internal static class Signatures
{
    /// <summary>Binance: hex HMAC-SHA256 of the total parameters (query string) with the secret
    /// (binance-spot-api-docs rest-api.md, "SIGNED Endpoint Examples"; the futures APIs sign the same way).</summary>
    public static string Binance(string secret, string totalParams) => Convert.ToHexString(Hmac(secret, totalParams)).ToLowerInvariant();

    /// <summary>Bybit v5: hex HMAC-SHA256 of <c>timestamp + apiKey + recvWindow + queryString</c> (bybit-exchange docs v5/guide, "Create a request").</summary>
    public static string Bybit(string secret, long timestampMs, string apiKey, long recvWindowMs, string queryString) =>
        Convert.ToHexString(Hmac(secret, string.Concat(timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture), apiKey,
            recvWindowMs.ToString(System.Globalization.CultureInfo.InvariantCulture), queryString))).ToLowerInvariant();

    /// <summary>OKX v5: Base64 HMAC-SHA256 of <c>timestamp + method + requestPath + body</c>, the timestamp ISO 8601 with milliseconds
    /// (OKX API v5 docs, "REST Authentication — Signature").</summary>
    public static string Okx(string secret, string isoTimestamp, string method, string requestPathAndQuery, string body) =>
        Convert.ToBase64String(Hmac(secret, string.Concat(isoTimestamp, method, requestPathAndQuery, body)));

    public static string OkxTimestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Hmac(string secret, string message) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
}
