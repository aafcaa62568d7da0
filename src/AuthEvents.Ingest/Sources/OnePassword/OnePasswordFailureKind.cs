namespace AuthEvents.Ingest.Sources.OnePassword;

/// <summary>Why a call to the Events API failed; decides how long the importer waits before trying again.</summary>
public enum OnePasswordFailureKind
{
    BadRequest,
    Unauthorized,
    RateLimited,
    ServerError,
    Timeout,
    Network,
    Protocol,
}
