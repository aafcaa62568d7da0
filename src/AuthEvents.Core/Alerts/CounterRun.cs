namespace AuthEvents.Core.Alerts;

/// <summary>The outcome of one run of a counter rule.</summary>
/// <param name="Observations">The run's new counts, one cell per key, minute and member, sorted (so writers lock rows in one order).</param>
/// <param name="Keys">Each key the run touched, in ordinal order.</param>
public sealed record CounterRun(IReadOnlyList<CounterCell> Observations, IReadOnlyList<CounterKeyResult> Keys);
