namespace AuthEvents.Core.Events;

/// <summary>
/// One reason an attempt failed, as the provider gave it: the <paramref name="Field"/> it concerns
/// (Login.gov's <c>failure_reason</c> key, 1Password's category, FusionAuth's reason) and the provider's
/// raw <paramref name="Code"/>. <paramref name="Canonical"/> groups equivalent codes across providers
/// (see <see cref="CanonicalReasons"/>).
/// </summary>
public sealed record FailureReason(string Field, string Code, string Canonical);
