namespace AuthEvents.Demo.Simulation;

/// <summary>
/// The identity-proofing data a person submits to Login.gov. Clearly synthetic: SSN area numbers 900–999 are
/// never issued, document numbers are random, street numbers and names are made up.
/// </summary>
internal sealed record PersonaIdentity(
    DateOnly DateOfBirth,
    string Ssn,
    string DocumentState,
    string DocumentNumber,
    DateOnly DocumentIssued,
    DateOnly DocumentExpiration,
    string Address1,
    string? Address2);
