namespace AuthEvents.Web.Access;

internal static partial class AccessLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Access denied to {Path}: needs {Required}")]
    public static partial void Denied(ILogger logger, string path, string required);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in did not complete at the provider ({Failure})")]
    public static partial void SignInFailed(ILogger logger, string failure);
}
