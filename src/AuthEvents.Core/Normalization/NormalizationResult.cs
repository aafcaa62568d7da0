using AuthEvents.Core.Events;

namespace AuthEvents.Core.Normalization;

/// <summary>The outcome of normalizing one raw record: a canonical event, or a rejection with a reason an operator can act on.</summary>
public sealed record NormalizationResult
{
    private NormalizationResult(AuthEvent? authEvent, string? rejectionReason)
    {
        Event = authEvent;
        RejectionReason = rejectionReason;
    }

    /// <summary>The canonical event when accepted.</summary>
    public AuthEvent? Event { get; }

    /// <summary>Why the record was rejected; never contains payload values.</summary>
    public string? RejectionReason { get; }

    /// <summary>True when <see cref="Event"/> holds the canonical event.</summary>
    public bool IsAccepted => Event is not null;

    /// <summary>An accepted record.</summary>
    public static NormalizationResult Accepted(AuthEvent authEvent) => new(authEvent, null);

    /// <summary>A rejected record. The reason names the problem (missing field, wrong type), never the values.</summary>
    public static NormalizationResult Rejected(string reason) => new(null, reason);
}
