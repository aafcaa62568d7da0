using System.Globalization;
using System.Threading.RateLimiting;
using AuthEvents.Web.Audit;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// The rate limits (<see cref="RateLimitOptions"/>): exports and hub connections held at once per user, webhooks per
/// client address. Endpoints opt in with <c>RequireRateLimiting</c> and one of the policy names; the Blazor circuit
/// (one per open tab) is not limited. A refusal is 429 problem+json naming the limit, with <c>Retry-After</c>.
/// </summary>
public static partial class RateLimits
{
    public const string ExportPolicy = "export";
    public const string HubPolicy = "hub";
    public const string WebhookPolicy = "webhooks";

    /// <summary>Retry-After for a concurrency limit, which has no time of its own: a permit frees when the user's own request ends.</summary>
    private static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddAuthEventsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) => Configure(options, limits.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(ExportPolicy, context => RateLimitPartition.GetConcurrencyLimiter(UserOf(context),
            _ => new ConcurrencyLimiterOptions { PermitLimit = limits.ExportsPerUser, QueueLimit = 0 }));
        options.AddPolicy(HubPolicy, context => OpensConnection(context)
            ? RateLimitPartition.GetConcurrencyLimiter(UserOf(context),
                _ => new ConcurrencyLimiterOptions { PermitLimit = limits.HubConnectionsPerUser, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));
        // A token bucket that holds a window's worth and refills a tenth of it every tenth of the window: a provider's burst
        // fits, a sustained flood is held to the window's rate, and a refused sender may try again after a tenth.
        var tokensPerTenth = (limits.WebhooksPerIp + 9) / 10;
        options.AddPolicy(WebhookPolicy, context => RateLimitPartition.GetTokenBucketLimiter(AddressOf(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.WebhooksPerIp,
            TokensPerPeriod = tokensPerTenth,
            ReplenishmentPeriod = limits.WebhookWindow / 10,
            QueueLimit = 0,
        }));
        // The answer is written with the request's own abort token (ExecuteAsync takes it from the context).
        options.OnRejected = (rejected, _) => RejectAsync(rejected, limits);
    }

    /// <summary>
    /// The hub's requests that hold a connection: negotiate (briefly, so that a user at the limit is refused before a
    /// connection is made) and the transport's GET, which for WebSockets and server-sent events stays in the pipeline,
    /// permit held, for the connection's whole life. The transports' POSTs (messages) and DELETE (close) ride on a
    /// connection already counted.
    /// </summary>
    private static bool OpensConnection(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<NegotiateMetadata>() is not null
        || context.WebSockets.IsWebSocketRequest
        || HttpMethods.IsGet(context.Request.Method);

    /// <summary>The signed-in user's stable id; for a request without one, its address (authorization refuses it before it gets here).</summary>
    private static string UserOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && AuditLog.SubjectOf(context.User) is { Length: > 0 } subject
            ? "user:" + subject
            : AddressOf(context);

    private static string AddressOf(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RateLimitOptions limits)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "";
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : ConcurrencyRetryAfter;
        var partition = policy == WebhookPolicy || UserOf(context).StartsWith("address:", StringComparison.Ordinal) ? "address" : "user";
        LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits)), policy, partition);
        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: Describe(policy, limits))
            .ExecuteAsync(context);
    }

    /// <summary>The limit a refusal names.</summary>
    public static string Describe(string policy, RateLimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return policy switch
        {
            ExportPolicy => $"At most {limits.ExportsPerUser} exports at once per user. Try again when one has finished.",
            HubPolicy => $"At most {limits.HubConnectionsPerUser} hub connections at once per user. Close one first.",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"At most {limits.WebhooksPerIp} webhook requests per {limits.WebhookWindow.TotalSeconds:0.###} s from one address."),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused by the {Policy} rate limit (counted per {Partition})")]
    private static partial void LogRefused(ILogger logger, string policy, string partition);
}
