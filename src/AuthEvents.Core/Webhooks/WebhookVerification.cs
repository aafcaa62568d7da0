namespace AuthEvents.Core.Webhooks;

/// <summary>
/// The outcome of checking that a webhook delivery is genuine: valid, or rejected with a reason an operator can act on.
/// Reasons are the fixed texts in <see cref="WebhookRejectionReasons"/>; they never contain tokens, secrets, expected
/// signatures or values taken from the request, so they are safe to log and to return in a 401 body.
/// </summary>
public sealed record WebhookVerification
{
    private WebhookVerification(bool isValid, string? reason)
    {
        IsValid = isValid;
        Reason = reason;
    }

    /// <summary>True when the delivery passed every check.</summary>
    public bool IsValid { get; }

    /// <summary>Why the delivery was rejected (one of <see cref="WebhookRejectionReasons"/>); null when valid.</summary>
    public string? Reason { get; }

    /// <summary>The shared result for a delivery that passed.</summary>
    public static WebhookVerification Valid { get; } = new(true, null);

    /// <summary>A rejection. Pass one of <see cref="WebhookRejectionReasons"/>, never a value taken from the request or a secret.</summary>
    public static WebhookVerification Rejected(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }
}
