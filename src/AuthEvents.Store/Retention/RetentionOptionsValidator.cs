using System.Globalization;
using Microsoft.Extensions.Options;

namespace AuthEvents.Store.Retention;

/// <summary>Refuses to start with a retention period or interval out of bounds, naming the setting.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Events is { } events && (events < RetentionOptions.MinimumEvents || events > RetentionOptions.MaximumEvents))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"Retention:Events must be between {RetentionOptions.MinimumEvents} and {RetentionOptions.MaximumEvents} (d.hh:mm:ss), or absent to keep every event"));
        }

        if (options.Interval < RetentionOptions.MinimumInterval || options.Interval > RetentionOptions.MaximumInterval)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"Retention:Interval must be between {RetentionOptions.MinimumInterval} and {RetentionOptions.MaximumInterval}"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
