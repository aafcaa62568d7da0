namespace AuthEvents.Core.Events;

/// <summary>The identity provider an event came from. Names are the product's documented export values.</summary>
public enum EventSource
{
    /// <summary>Login.gov Attempts API (pull, JWE-encrypted Security Event Tokens).</summary>
    LoginGov = 1,

    /// <summary>1Password Events API, sign-in attempts (pull, cursor).</summary>
    OnePassword = 2,

    /// <summary>Entrust Identity as a Service webhooks (push, RFC 9421 signature).</summary>
    Entrust = 3,

    /// <summary>FusionAuth webhooks (push, optional signed JWT).</summary>
    FusionAuth = 4,
}
