namespace AuthEvents.Demo.Hosting;

/// <summary>What a simulated provider answers one request with: a status and a JSON body.</summary>
public sealed record DemoHttpAnswer(int Status, string Json);
