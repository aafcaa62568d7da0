namespace AuthEvents.Web.Components.Pages.Person;

/// <summary>One identity joined into a person, as the identity-links table shows it.</summary>
/// <param name="Provider">Provider name, or "E-mail" for the person's own key.</param>
/// <param name="Kind">"E-mail", "Subject" or "Session".</param>
/// <param name="Value">What to show for the identity (a masked e-mail, a provider id, a shortened session key).</param>
/// <param name="Key">The full identity key, for tooltips.</param>
/// <param name="SessionUrl">For sessions, the session page.</param>
/// <param name="Evidence">On what evidence it was joined, in words.</param>
/// <param name="EvidenceAt">When the evidence event happened.</param>
public sealed record PersonIdentityLine(string Provider, string Kind, string Value, string Key, string? SessionUrl, string Evidence, string? EvidenceAt);
