using AuthEvents.Store.Queries;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// Reads an <see cref="EventQuery"/> from <c>/api/events</c>' URL parameters through the shared
/// <see cref="FilterCodec"/> in its strict mode: absolute <c>from</c>/<c>to</c> and the pages' selection keys. Unknown
/// sources, outcomes or canonical reasons are an error, never silently ignored.
/// </summary>
public static class EventQueryParameters
{
    public static bool TryParse(IQueryCollection parameters, out EventQuery query, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        query = EventQuery.All;
        var values = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!FilterCodec.TryReadBounds(values, CodecMode.Strict, out var from, out var to, out error)
            || !FilterCodec.TryReadSelection(values, CodecMode.Strict, out var selection, out error))
        {
            return false;
        }

        query = selection with { From = from, To = to };
        return true;
    }
}
