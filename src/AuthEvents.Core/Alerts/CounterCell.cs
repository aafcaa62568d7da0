namespace AuthEvents.Core.Alerts;

/// <summary>
/// One minute of one member under one key: how many matching events a counter rule observed. The store keeps these
/// per rule (<c>alert_counters</c>); a replay keeps them in memory.
/// </summary>
/// <param name="Key">The alert key (an IP address, a subnet, a tenant).</param>
/// <param name="BucketTicks">The minute's start, UTC ticks (see <see cref="CounterWindow.BucketOf"/>).</param>
/// <param name="Member">A prefixed member (see <see cref="CounterMembers"/>).</param>
/// <param name="Count">Events observed.</param>
public readonly record struct CounterCell(string Key, long BucketTicks, string Member, int Count);
