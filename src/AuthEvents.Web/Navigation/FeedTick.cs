using AuthEvents.Ingest.Feed;

namespace AuthEvents.Web.Navigation;

/// <summary>
/// One pass of the feed, heard by every page that follows it at the same pace (<see cref="FeedTicks"/>): its number
/// (unique, growing), the one instant all of them resolve relative ranges against, and what arrived.
/// </summary>
public sealed record FeedTick(long Number, TimeSpan Pace, DateTimeOffset At, FeedUpdate Update);
