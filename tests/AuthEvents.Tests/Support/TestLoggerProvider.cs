using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.Support;

/// <summary>
/// A hand-written logger provider that keeps every log entry at every level, as text: the formatted message, each
/// structured value (which a structured sink would write even when the template leaves it out), the exception and
/// any scope. Tests search the entries for what must never be logged.
/// </summary>
public sealed class TestLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries.ToArray();

    /// <summary>A factory that sends every level from <paramref name="minimumLevel"/> up (Trace by default) to this provider only.</summary>
    public ILoggerFactory CreateFactory(LogLevel minimumLevel = LogLevel.Trace) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(minimumLevel).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new TestLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class TestLogger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue($"scope {category}: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            entries.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)} | {Describe(state)} | {exception}");
        }

        private static string Describe<TState>(TState state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join("; ", values.Select(v => v.Key + "=" + v.Value))
            : state?.ToString() ?? "";
    }
}
