using AuthEvents.Core.Events;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// One payload as a provider would deliver it, produced by <see cref="DemoTrafficGenerator"/>: for Login.gov
/// the decrypted SET JSON, for 1Password one sign-in attempt item, for Entrust the webhook envelope and for
/// FusionAuth the webhook body (<c>{"event":{…}}</c>). It travels the same normalizers as real traffic.
/// </summary>
/// <param name="Source">The provider the payload imitates.</param>
/// <param name="Payload">The native JSON text, exactly as the provider would send it.</param>
/// <param name="OccurredAt">When the event happened; equals the time written in the payload at its precision.</param>
/// <param name="IsMalformed">
/// True when the payload was deliberately damaged (truncated, id removed, wrong time type, two events in one
/// SET) so that the pipeline's rejection path gets exercised.
/// </param>
public sealed record SimulatedDelivery(EventSource Source, string Payload, DateTimeOffset OccurredAt, bool IsMalformed);
