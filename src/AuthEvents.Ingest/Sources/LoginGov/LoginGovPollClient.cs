using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// One call to Login.gov's <c>POST /api/attempts/poll</c> (docs/protocols/login-gov.md, "Polling and acknowledgement"): acknowledges <c>ack</c> and returns up to
/// <c>maxEvents</c> SETs keyed by jti. Every failure becomes a <see cref="LoginGovPollException"/> with a short reason
/// that never holds the token or a payload.
/// </summary>
/// <remarks>
/// The body carries the acks under both <c>ack</c> and <c>acks</c>: deployments before 2025-08-27 read <c>acks</c>, and the
/// current one drops unknown params, so sending both is harmless (docs/protocols/login-gov.md, "Polling and acknowledgement") and keeps an old sandbox from
/// redelivering forever.
/// </remarks>
public sealed class LoginGovPollClient(HttpClient http, IOptions<LoginGovSourceOptions> options)
{
    private readonly LoginGovSourceOptions _options = options.Value;

    public async Task<IReadOnlyDictionary<string, string>> PollAsync(IReadOnlyCollection<string> acks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acks);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUrl, "/api/attempts/poll"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Issuer + " " + _options.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new StringContent(Body(acks), Encoding.UTF8, "application/json");

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw StatusError(response.StatusCode);
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ParseAsync(body, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The pipeline's per-attempt timeout (after its retries), or HttpClient's own.
            throw new LoginGovPollException(LoginGovPollError.Timeout, string.Create(CultureInfo.InvariantCulture, $"timeout: no answer within {_options.RequestTimeout.TotalSeconds:0.#} s"), ex);
        }
        catch (HttpRequestException ex)
        {
            // The exception's message can name the host, never the header; keep only its category.
            throw new LoginGovPollException(LoginGovPollError.Network, $"network error ({ex.HttpRequestError})", ex);
        }
    }

    private string Body(IReadOnlyCollection<string> acks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("maxEvents", _options.MaxEvents);
            foreach (var name in (string[])["ack", "acks"])
            {
                json.WriteStartArray(name);
                foreach (var jti in acks)
                {
                    json.WriteStringValue(jti);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static LoginGovPollException StatusError(HttpStatusCode status)
    {
        var code = (int)status;
        return code switch
        {
            401 => new(LoginGovPollError.Unauthorized, "401 Unauthorized: issuer or token rejected (was the token rotated? check Sources:LoginGov:Issuer and Token)"),
            404 => new(LoginGovPollError.FeatureOff, "404: the Attempts API is not enabled for this environment (or BaseUrl is wrong)"),
            400 => new(LoginGovPollError.BadRequest, "400 Bad Request: poll refused (maxEvents must be 1..1000)"),
            429 => new(LoginGovPollError.RateLimited, "429 Too Many Requests: rate limited"),
            >= 500 and < 600 => new(LoginGovPollError.ServerError, string.Create(CultureInfo.InvariantCulture, $"{code}: Login.gov server error")),
            _ => new(LoginGovPollError.UnexpectedStatus, string.Create(CultureInfo.InvariantCulture, $"unexpected status {code}")),
        };
    }

    private static async Task<IReadOnlyDictionary<string, string>> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new LoginGovPollException(LoginGovPollError.InvalidResponse, "response is not JSON", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("sets", out var sets)
                || sets.ValueKind != JsonValueKind.Object)
            {
                throw new LoginGovPollException(LoginGovPollError.InvalidResponse, "response has no \"sets\" object");
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var set in sets.EnumerateObject())
            {
                if (set.Value.ValueKind != JsonValueKind.String || set.Name.Length == 0)
                {
                    throw new LoginGovPollException(LoginGovPollError.InvalidResponse, "a \"sets\" member is not a jti mapped to a JWE string");
                }

                result[set.Name] = set.Value.GetString()!;
            }

            return result;
        }
    }
}
