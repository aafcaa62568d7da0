namespace AuthEvents.Core.Alerts;

/// <summary>The prefixes of counter members, so that one key's cells hold several kinds of member side by side.</summary>
public static class CounterMembers
{
    /// <summary>A journey person (root identity key).</summary>
    public const string Person = "p:";

    /// <summary>A provider (<c>s:LoginGov</c>): every observed event has one, so its total is the attempts.</summary>
    public const string Source = "s:";

    /// <summary>A phone number's keyed hash.</summary>
    public const string Phone = "n:";

    /// <summary>A phone number's region.</summary>
    public const string PhoneRegion = "r:";

    /// <summary>A telephony rate limit (one member; its total is the count).</summary>
    public const string RateLimit = "l:";
}
