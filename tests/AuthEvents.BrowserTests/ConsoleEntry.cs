namespace AuthEvents.BrowserTests;

/// <summary>One console error or warning, or uncaught page error; <paramref name="Location"/> is Chromium's url:line:column.</summary>
public sealed record ConsoleEntry(string Type, string Location, string Text)
{
    public override string ToString() => $"{Type} at {Location}: {Text}";
}
