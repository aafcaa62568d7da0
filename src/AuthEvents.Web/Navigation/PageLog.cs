using Microsoft.Extensions.Logging;

namespace AuthEvents.Web.Navigation;

/// <summary>What the pages log: never a URL's values or an event's data, only which page and the error.</summary>
internal static partial class PageLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Loading {Page} failed")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string page);
}
