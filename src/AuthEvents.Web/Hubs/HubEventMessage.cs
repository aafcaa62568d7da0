using AuthEvents.Store.Queries;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Hubs;

/// <summary>The JSON shape hub clients receive (camelCase): the export's field names, personal data only hashed or masked.</summary>
public sealed record HubEventMessage(
    long Id,
    string Source,
    string ProviderEventId,
    string EventType,
    string Milestone,
    string Outcome,
    DateTimeOffset OccurredAt,
    IReadOnlyList<string> FailureReasons,
    string? Person,
    string? EmailMasked,
    string? Session,
    string? Ip,
    string? Country,
    string? Authenticator,
    bool IsDemo)
{
    public static HubEventMessage From(HubEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new HubEventMessage(
            e.Id, e.Source.ToString(), e.ProviderEventId, e.EventType, e.Milestone, OutcomeNames.Of(e.Outcome), e.OccurredAt,
            (e.ReasonCodes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), e.PersonKey, e.EmailMasked, e.SessionKey,
            e.Ip, e.Country, e.Authenticator, e.IsDemo);
    }
}
