using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HedgeMath.Exchanges.Tests.Infrastructure;

/// <summary>A request as the loopback server saw it.</summary>
public sealed record SeenRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers)
{
    public string? Param(string name)
    {
        foreach (var part in Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            if (kv[0] == name) return Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : "");
        }
        return null;
    }

    public long Ms(string name) => long.Parse(Param(name)!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A canned response.</summary>
public sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static Reply Json(string body) => new(200, body);
}

/// <summary>A real Kestrel server on 127.0.0.1 (an ephemeral port) that answers each request through a handler and records it.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private LoopbackServer(WebApplication app, Uri address) { _app = app; BaseAddress = address; }

    public Uri BaseAddress { get; }
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<LoopbackServer> StartAsync(Func<SeenRequest, Reply> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoopbackServer? self = null;
        app.Run(async ctx =>
        {
            var seen = new SeenRequest(ctx.Request.Path.Value ?? "", ctx.Request.QueryString.Value ?? "",
                ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            self!.Requests.Enqueue(seen);
            var reply = handler(seen);
            ctx.Response.StatusCode = reply.Status;
            ctx.Response.ContentType = "application/json";
            foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>()) ctx.Response.Headers[k] = v;
            await ctx.Response.WriteAsync(reply.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LoopbackServer(app, new Uri(address));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Fixtures by path, a fast client pipeline for tests, clients pointed at the server.</summary>
public static class Fx
{
    public static string Read(string relative) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relative));

    /// <summary>Retries with 1 ms back-off (the tests check behaviour, never timing).</summary>
    public static readonly ExchangeResilienceOptions FastRetries = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryAttempts = 2 };

    public static ExchangeClientOptions Options(LoopbackServer server, ExchangeCredentials? credentials = null, TimeProvider? clock = null) => new()
    {
        BaseAddress = server.BaseAddress,
        Credentials = credentials,
        TimeProvider = clock ?? TimeProvider.System,
        RateLimiter = ExchangeRateLimits.Bucket(100_000, 100_000, TimeSpan.FromSeconds(1)),
        Resilience = FastRetries,
    };

    public static HttpClient Http() => ExchangeHttp.CreateHttpClient(FastRetries);

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var x in source) list.Add(x);
        return list;
    }

    public static DateTimeOffset Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, TimeSpan.Zero);
}

/// <summary>A clock fixed at one instant (signed requests carry its timestamp).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
