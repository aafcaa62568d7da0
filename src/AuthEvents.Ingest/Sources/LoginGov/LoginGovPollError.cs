namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>Why a Login.gov poll failed (docs/protocols/login-gov.md, "Errors").</summary>
public enum LoginGovPollError
{
    /// <summary>401: header malformed, issuer unknown, or the token was rejected (it may have been rotated).</summary>
    Unauthorized,

    /// <summary>404: the Attempts API feature flag is off for this environment.</summary>
    FeatureOff,

    /// <summary>400: the request was refused (maxEvents out of range).</summary>
    BadRequest,

    /// <summary>429: rate limited.</summary>
    RateLimited,

    /// <summary>5xx: Login.gov side failure (Redis).</summary>
    ServerError,

    /// <summary>Any other status code.</summary>
    UnexpectedStatus,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>Connection refused, reset, DNS failure.</summary>
    Network,

    /// <summary>A 200 whose body is not <c>{"sets":{jti: jwe}}</c>.</summary>
    InvalidResponse,
}
