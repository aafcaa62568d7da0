namespace AuthEvents.Store.Entities;

/// <summary>
/// A small integer for each person key (table <c>rollup_people</c>): the person rollups hold this id instead of the
/// key text, which keeps them small and makes distinct counts over a range several times faster.
/// </summary>
public sealed class RollupPersonRecord
{
    public long Id { get; set; }
    public string PersonKey { get; set; } = "";
}
