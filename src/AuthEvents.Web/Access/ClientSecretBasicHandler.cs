using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthEvents.Web.Access;

/// <summary>
/// Sends the client secret as HTTP Basic (<c>client_secret_basic</c>) on the OpenID handler's back-channel requests
/// (token, pushed authorization). Hand-written: ASP.NET Core's handler only sends it in the form body (<c>client_secret_post</c>).
/// </summary>
public sealed class ClientSecretBasicHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Post && request.Content is FormUrlEncodedContent content)
        {
            var form = QueryHelpers.ParseQuery(await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (form.TryGetValue("client_secret", out var secret) && form.TryGetValue("client_id", out var id))
            {
                // RFC 6749 section 2.3.1: both form-encoded before they are joined.
                var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id.ToString())}:{Uri.EscapeDataString(secret.ToString())}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
                // Only the secret moves: client_id stays in the body, where a pushed authorization request needs it as
                // a parameter of the authorization itself (RFC 9126); dropping it made every sign-in fail with PAR.
                request.Content = new FormUrlEncodedContent(form
                    .Where(p => p.Key != "client_secret")
                    .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
