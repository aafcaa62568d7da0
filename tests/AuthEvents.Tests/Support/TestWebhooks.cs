using System.Net.Http.Headers;
using System.Text;
using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.FusionAuth;

namespace AuthEvents.Tests.Support;

/// <summary>Signed Entrust and FusionAuth webhook requests, and the settings of a host that accepts them.</summary>
public static class TestWebhooks
{
    public const string EntrustToken = "entrust-webhook-token-for-tests";
    public const string FusionSecret = "fusionauth-hmac-secret-for-tests-0123456789";
    public const string Callback = "http://localhost/webhooks/entrust";

    /// <summary>Both webhook sources enabled with test secrets; FusionAuth also behind Basic authentication.</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["Demo:Enabled"] = "false",
        ["Sources:Entrust:Enabled"] = "true",
        ["Sources:Entrust:WebhookToken"] = "old-token;" + EntrustToken,
        ["Sources:Entrust:CallbackUrl"] = Callback,
        ["Sources:FusionAuth:Enabled"] = "true",
        ["Sources:FusionAuth:SigningSecret"] = FusionSecret,
        ["Sources:FusionAuth:BasicAuthUser"] = "fusion",
        ["Sources:FusionAuth:BasicAuthPassword"] = "hook-password",
        ["Webhooks:MaxBodyBytes"] = "4096",
    };

    public static string EntrustBody(string id) =>
        $$$"""{"id":"{{{id}}}","type":"authentication.failed","accountId":"c8485a88-4fd0-4248-8dcd-fb4ac0749fb7","eventTime":"{{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}}","data":{"subject":"f7475916","subjectName":"john.smith","subjectType":"USER","resourceName":"User Portal","sourceIp":"198.51.100.7","token":"PASSWORD"}}""";

    public static HttpRequestMessage EntrustRequest(string body, string token = EntrustToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/entrust") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in new EntrustSignatureSigner(token).Sign(Callback, bytes, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static string FusionBody(string? id, DateTimeOffset created)
    {
        var idMember = id is null ? "" : $"\"id\":\"{id}\",";
        return "{\"event\":{" + idMember + "\"createInstant\":" + created.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ""","type":"user.login.failed","applicationId":"10000000-0000-0002-0000-000000000001","authenticationType":"PASSWORD","tenantId":"e872a880-b14f-6d62-c312-cb40f22af465","info":{"ipAddress":"42.42.42.42"},"reason":{"code":"credentials"},"user":{"id":"00000000-0000-0001-0000-000000000000","email":"example@fusionauth.io","birthDate":"1981-06-04","firstName":"Erlich","lastName":"Bachman","data":{"Company":"PiedPiper"},"verified":true}}}""";
    }

    public static HttpRequestMessage FusionRequest(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fusionauth") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-FusionAuth-Signature-JWT", FusionAuthSignatureSigner.ForHmac(FusionSecret).Sign(Encoding.UTF8.GetBytes(body)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("fusion:hook-password"u8.ToArray()));
        return request;
    }
}
