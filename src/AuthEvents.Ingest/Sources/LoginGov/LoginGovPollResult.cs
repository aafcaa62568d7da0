namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>One poll's outcome: how many SETs came back and how many of them were new to the inbox.</summary>
public readonly record struct LoginGovPollResult(int Returned, int Added);
