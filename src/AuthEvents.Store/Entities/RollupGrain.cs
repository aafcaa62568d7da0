namespace AuthEvents.Store.Entities;

/// <summary>Bucket size of a rollup row; the value is the bucket length in minutes (as stored in the <c>grain</c> column).</summary>
public enum RollupGrain
{
    Minute = 1,
    Hour = 60,
    Day = 1440,
}
