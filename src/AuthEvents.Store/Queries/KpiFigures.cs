namespace AuthEvents.Store.Queries;

/// <summary>
/// The overview's headline figures for one range.
/// </summary>
/// <param name="Outcomes">Every event in the range by outcome: <see cref="OutcomeCounts.Attempts"/> is the "attempts" tile, <see cref="OutcomeCounts.RateLimited"/> the rate-limit tile.</param>
/// <param name="SignInSuccess">
/// Completed sign-ins (successful <c>login.complete</c> events) of all sign-in endings: those plus the failed and
/// rate-limited <c>login.password</c>, <c>login.policy</c> and <c>mfa.verify</c> events.
/// </param>
/// <param name="MfaFailure">
/// Failed and rate-limited <c>mfa.verify</c> events of all non-informational <c>mfa.verify</c> events. 1Password and
/// Entrust report a passed second factor only inside a completed sign-in, so they add failures without successes.
/// </param>
/// <param name="IdvCompletion">People with a successful <c>idv.complete</c> event of the people with any <c>idv.*</c> event in the range.</param>
/// <param name="DistinctPeople">Distinct person keys with an event in the range (exact; read from the person rollups).</param>
/// <param name="ActiveSources">Sources with at least one event in the range.</param>
public sealed record KpiFigures(OutcomeCounts Outcomes, Ratio SignInSuccess, Ratio MfaFailure, Ratio IdvCompletion, long DistinctPeople, int ActiveSources);
