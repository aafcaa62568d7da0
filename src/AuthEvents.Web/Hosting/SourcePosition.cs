using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// Where a source stands, as /sources and /healthz show it: Login.gov's stored SETs still to acknowledge, 1Password's
/// saved cursor (opaque; its start is enough to see it move), or nothing for webhooks, which have no position.
/// </summary>
public static class SourcePosition
{
    private const int CursorShown = 10;

    /// <summary>A short text and a tooltip for the position of <paramref name="source"/>.</summary>
    public static (string Text, string? Title) Describe(EventSource source, SourceStateRecord? state)
    {
        if (state is null)
        {
            return ("–", null);
        }

        return source switch
        {
            EventSource.LoginGov => (PendingAcks(state) + " acks pending", "SETs stored and to be acknowledged with the next poll"),
            EventSource.OnePassword when CursorStart(state) is { } cursor => ("cursor " + cursor, "The saved cursor, committed with the events it follows"),
            EventSource.Entrust or EventSource.FusionAuth => ("webhook", "Pushed by the provider; no position to keep"),
            _ => ("–", null),
        };
    }

    /// <summary>How many stored Login.gov SETs the next poll acknowledges.</summary>
    public static int PendingAcks(SourceStateRecord state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return string.IsNullOrEmpty(state.PendingAcks) ? 0 : JsonSerializer.Deserialize<List<string>>(state.PendingAcks)?.Count ?? 0;
    }

    /// <summary>The start of the saved cursor, or null when there is none.</summary>
    public static string? CursorStart(SourceStateRecord state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Cursor is { Length: > 0 } cursor ? cursor.Length > CursorShown ? cursor[..CursorShown] + "…" : cursor : null;
    }
}
