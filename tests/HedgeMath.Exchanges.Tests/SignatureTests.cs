using HedgeMath.Exchanges.Internal;

namespace HedgeMath.Exchanges.Tests;

public class SignatureTests
{
    [Fact]
    public void Binance_DocumentedExample_MatchesDocumentedSignature()
    {
        // binance-spot-api-docs, rest-api.md, "SIGNED Endpoint Examples for POST /api/v3/order — Example 1/2": the key, the secret,
        // the total parameters and the signature are the documentation's own (the futures APIs sign identically).
        const string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        const string query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        Assert.Equal("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", Signatures.Binance(secret, query));
    }

    [Fact]
    public void Bybit_PreHashIsTimestampKeyWindowQuery()
    {
        // Bybit v5 guide: sign timestamp + api_key + recv_window + queryString. Expected value computed outside .NET:
        // python3: hmac.new(b"test-secret", b"1672025956592test-key5000category=inverse&limit=200", hashlib.sha256).hexdigest()
        Assert.Equal("b9413610652325b24ce590c6527bd68ce1954fe6dc1fd9dd4c05b2d7e914245c",
            Signatures.Bybit("test-secret", 1672025956592, "test-key", 5000, "category=inverse&limit=200"));
    }

    [Fact]
    public void Okx_PreHashIsTimestampMethodPathBody_Base64()
    {
        // OKX v5 REST authentication: Base64(HMAC-SHA256(timestamp + method + requestPath + body)); the docs' timestamp form
        // 2020-12-08T09:08:57.715Z. python3: base64.b64encode(hmac.new(b"test-secret",
        //   b"2020-12-08T09:08:57.715ZGET/api/v5/account/balance", hashlib.sha256).digest())
        Assert.Equal("hGuF4tMCIcSB86VajcVVJCgsqR9B+kb93cLS/C50pUE=",
            Signatures.Okx("test-secret", "2020-12-08T09:08:57.715Z", "GET", "/api/v5/account/balance", ""));
        Assert.Equal("2020-12-08T09:08:57.715Z", Signatures.OkxTimestamp(new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero)));
    }

    [Fact]
    public void Credentials_ToString_RevealsNothing()
    {
        var c = new ExchangeCredentials("my-key-123", "my-secret-456", "my-pass");
        Assert.DoesNotContain("my-key", c.ToString());
        Assert.DoesNotContain("my-secret", c.ToString());
        Assert.DoesNotContain("my-pass", c.ToString());
    }

    [Fact]
    public void Credentials_BlankSecret_ThrowsNamingParameterWithoutValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ExchangeCredentials("key", "   "));
        Assert.Equal("apiSecret", ex.ParamName);
    }

    [Fact]
    public void Credentials_FromLookup_ReadsPrefixedNames()
    {
        var env = new Dictionary<string, string?> { ["HEDGEMATH_OKX_API_KEY"] = "k", ["HEDGEMATH_OKX_API_SECRET"] = "s", ["HEDGEMATH_OKX_API_PASSPHRASE"] = "p" };
        var c = ExchangeCredentials.FromLookup("okx-swap", n => env.GetValueOrDefault(n));
        Assert.NotNull(c);
        Assert.Equal("k", c!.ApiKey);
        Assert.Equal("p", c.Passphrase);
        Assert.Null(ExchangeCredentials.FromLookup("bybit-linear", n => env.GetValueOrDefault(n)));
    }
}
