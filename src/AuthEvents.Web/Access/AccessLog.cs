namespace AuthEvents.Web.Access;

internal static partial class AccessLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Access denied to {Path}: needs {Required}")]
    public static partial void Denied(ILogger logger, string path, string required);
}
