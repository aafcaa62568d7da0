namespace AuthEvents.Core.Journeys;

/// <summary>What an identity key stands for.</summary>
public enum IdentityKind
{
    /// <summary>A keyed hash of a normalized e-mail address (<c>email:…</c>): the person key events carry when they have an e-mail.</summary>
    Email = 1,

    /// <summary>A provider's own subject (<c>logingov:&lt;user_uuid&gt;</c>, <c>onepassword:…</c>, <c>entrust:…</c>, <c>fusionauth:…</c>).</summary>
    Subject = 2,

    /// <summary>A provider session (<c>session:&lt;source&gt;:&lt;key&gt;</c>): Login.gov <c>unique_session_id</c>, 1Password <c>session_uuid</c>.</summary>
    Session = 3,
}
