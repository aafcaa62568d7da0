using AuthEvents.Core.Events;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Ingest.Sources.Entrust;
using AuthEvents.Ingest.Sources.FusionAuth;
using AuthEvents.Ingest.Sources.LoginGov;
using AuthEvents.Ingest.Sources.OnePassword;
using Microsoft.Extensions.Options;

namespace AuthEvents.Ingest.Sources;

/// <summary>
/// Refuses to start with an enabled source that lacks what it needs, naming the missing setting (never its value).
/// A simulated Login.gov (demo mode) has its private key in memory, not in a file.
/// </summary>
public sealed class SourceOptionsValidator(SimulatedSources? simulated = null) :
    IValidateOptions<LoginGovSourceOptions>,
    IValidateOptions<OnePasswordSourceOptions>,
    IValidateOptions<EntrustSourceOptions>,
    IValidateOptions<FusionAuthSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginGovSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        Require(errors, options.Issuer, "Sources:LoginGov:Issuer");
        Require(errors, options.Token, "Sources:LoginGov:Token");
        if (simulated?.Contains(EventSource.LoginGov) != true)
        {
            Require(errors, options.PrivateKeyPath, "Sources:LoginGov:PrivateKeyPath");
        }

        var missingKeyFiles = (options.PrivateKeyPath ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Count(path => !File.Exists(path));
        if (missingKeyFiles > 0)
        {
            errors.Add($"Sources:LoginGov:PrivateKeyPath names {missingKeyFiles} file(s) that do not exist");
        }

        if (!options.BaseUrl.IsAbsoluteUri)
        {
            errors.Add("Sources:LoginGov:BaseUrl must be an absolute URL");
        }
        if (options.Issuer?.Contains(' ', StringComparison.Ordinal) == true)
        {
            errors.Add("Sources:LoginGov:Issuer must not contain spaces (it is part of the Authorization header)");
        }

        if (options.MaxEvents is < 1 or > 1000)
        {
            errors.Add("Sources:LoginGov:MaxEvents must be between 1 and 1000");
        }

        Positive(errors, options.PollInterval, "Sources:LoginGov:PollInterval");
        Positive(errors, options.RequestTimeout, "Sources:LoginGov:RequestTimeout");
        Positive(errors, options.SigningKeysRefreshInterval, "Sources:LoginGov:SigningKeysRefreshInterval");
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, OnePasswordSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        Require(errors, options.Token, "Sources:OnePassword:Token");
        if (options.BaseUrl is { IsAbsoluteUri: false })
        {
            errors.Add("Sources:OnePassword:BaseUrl must be an absolute URL such as https://events.1password.com");
        }

        Positive(errors, options.PollInterval, "Sources:OnePassword:PollInterval");
        Positive(errors, options.RequestTimeout, "Sources:OnePassword:RequestTimeout");
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, EntrustSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        Require(errors, options.WebhookToken, "Sources:Entrust:WebhookToken");
        if (options.CallbackUrl is null || !options.CallbackUrl.IsAbsoluteUri)
        {
            errors.Add("Sources:Entrust:CallbackUrl must be the absolute URL Entrust calls");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, FusionAuthSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        var hasBasic = !string.IsNullOrWhiteSpace(options.BasicAuthUser) || !string.IsNullOrWhiteSpace(options.BasicAuthPassword);
        if (string.IsNullOrWhiteSpace(options.SigningSecret) && options.JwksUrl is null && string.IsNullOrWhiteSpace(options.PublicKeyPath)
            && !hasBasic && string.IsNullOrWhiteSpace(options.RequiredHeader))
        {
            errors.Add("Sources:FusionAuth needs at least one of SigningSecret, JwksUrl, PublicKeyPath, BasicAuthUser/BasicAuthPassword or RequiredHeader: an unauthenticated webhook would accept anyone's events");
        }

        if (hasBasic && (string.IsNullOrWhiteSpace(options.BasicAuthUser) || string.IsNullOrWhiteSpace(options.BasicAuthPassword)))
        {
            errors.Add("Sources:FusionAuth:BasicAuthUser and BasicAuthPassword go together");
        }

        if (!string.IsNullOrWhiteSpace(options.RequiredHeader) && !options.RequiredHeader.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("Sources:FusionAuth:RequiredHeader must read 'Name: value'");
        }

        if (options.JwksUrl is { } jwks && (!jwks.IsAbsoluteUri || (jwks.Scheme != Uri.UriSchemeHttps && jwks.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add("Sources:FusionAuth:JwksUrl must be an absolute http(s) URL such as https://auth.example.org/.well-known/jwks.json");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicKeyPath) && !File.Exists(options.PublicKeyPath))
        {
            errors.Add("Sources:FusionAuth:PublicKeyPath does not name a readable file");
        }

        Positive(errors, options.FreshnessWindow, "Sources:FusionAuth:FreshnessWindow");
        return Result(errors);
    }

    private static void Require(List<string> errors, string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{setting} is required when the source is enabled");
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{setting} must be positive");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
