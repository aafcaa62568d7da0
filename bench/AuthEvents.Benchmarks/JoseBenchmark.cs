using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Demo.LoginGov;

namespace AuthEvents.Benchmarks;

/// <summary>
/// <c>jose</c>: the JOSE work of the importers and receivers. Login.gov SETs decoded per second (RSA-OAEP-2048 key unwrap,
/// A256GCM, DEFLATE, half of them ES256-signed inside), next to the raw RSA-OAEP-2048 decrypt rate measured in the same
/// run, which bounds it; the FusionAuth signature JWT verified in process (HS256, RS256 from a JWKS, ES256); and, unless
/// <c>--no-http</c>, signed FusionAuth webhooks sent at a fixed rate to the dashboard as its own process, timed to their 2xx.
/// </summary>
internal static class JoseBenchmark
{
    public const string Usage = "jose [--rounds 5] [--seconds 2] [--sets 500] [--verifications 20000] [--rate 200] [--load-seconds 30] [--no-http]";

    private const string Audience = "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:bench";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var rounds = FunnelBenchmark.Option(args, "--rounds", 5);
        var seconds = FunnelBenchmark.Option(args, "--seconds", 2);
        var sets = FunnelBenchmark.Option(args, "--sets", 500);
        var verifications = FunnelBenchmark.Option(args, "--verifications", 20_000);
        var rate = FunnelBenchmark.Option(args, "--rate", 200);
        var loadSeconds = FunnelBenchmark.Option(args, "--load-seconds", 30);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load average {FunnelBenchmark.LoadAverage()}"));

        if (!LoginGovDecodeRate(output, rounds, TimeSpan.FromSeconds(seconds), sets) || !FusionAuthVerification(output, verifications))
        {
            return 1;
        }

        if (!args.Contains("--no-http", StringComparer.Ordinal))
        {
            await FusionAuthWebhooksAsync(output, rate, TimeSpan.FromSeconds(loadSeconds), cancellationToken);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average at end: {FunnelBenchmark.LoadAverage()}"));
        return 0;
    }

    private static bool LoginGovDecodeRate(TextWriter output, int rounds, TimeSpan perRound, int count)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== Login.gov SETs: {count} JWEs (RSA-OAEP-2048, A256GCM, zip DEF; every other one ES256-signed), {rounds} rounds of {perRound.TotalSeconds:N0} s raw unwrap then {perRound.TotalSeconds:N0} s decode, one thread"));
        using var rsa = RSA.Create(2048);
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var keys = LoginGovKeyRing.FromPem([rsa.ExportPkcs8PrivateKeyPem()]);
        var encryptor = new SetEncryptor(rsa);
        var signer = new Es256JwsSigner(signing);
        var decoder = new SetDecoder(keys, new SetDecoderOptions { ExpectedAudience = Audience, SigningKeys = [signing] });
        var jwes = Enumerable.Range(0, count).Select(i =>
        {
            var jti = Guid.NewGuid().ToString();
            var set = Set(jti, i);
            return (Jti: jti, Jwe: encryptor.Encrypt(i % 2 == 0 ? signer.Sign(set) : set));
        }).ToArray();
        if (jwes.Select(s => decoder.Decode(s.Jti, s.Jwe)).FirstOrDefault(r => !r.IsSuccess) is { } refused)
        {
            output.WriteLine("  A benchmark SET was refused: " + refused);
            return false;
        }

        var wrapped = jwes.Select(s => Convert.FromBase64String(ToBase64(s.Jwe.Split('.')[1]))).ToArray();
        var decrypts = new List<double>();
        var decodes = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternating in short rounds, so that both rates see the same share of a busy machine.
            decrypts.Add(Rate(perRound, i => rsa.Decrypt(wrapped[i % wrapped.Length], RSAEncryptionPadding.OaepSHA1)));
            decodes.Add(Rate(perRound, i => decoder.Decode(jwes[i % jwes.Length].Jti, jwes[i % jwes.Length].Jwe)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: {decodes[^1],8:N0} SETs/s   {decrypts[^1],8:N0} raw RSA-OAEP-2048 decrypts/s"));
        }

        var sets = Median(decodes);
        var raw = Median(decrypts);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  SETs/s: {sets:N0}; raw RSA-OAEP-2048 decrypts/s: {raw:N0}; ratio {sets / raw:N2} (medians of {rounds} rounds)"));
        return true;
    }

    private static bool FusionAuthVerification(TextWriter output, int count)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== FusionAuth X-FusionAuth-Signature-JWT verified in process, {count:N0} times each, one thread"));
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = WebhookBody("e502168a-b469-45d9-a079-fd45f83e0406", "203.0.113.9", DateTimeOffset.UtcNow);
        var p = rsa.ExportParameters(false);
        var jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"rsa-1\",\"use\":\"sig\",\"n\":\"" + Base64Url(p.Modulus!) + "\",\"e\":\"" + Base64Url(p.Exponent!) + "\"}]}";
        var cases = new (string Name, FusionAuthSignatureVerifier Verifier, FusionAuthSignatureSigner Signer)[]
        {
            ("HS256 (secret)", new([FusionAuthVerificationKey.FromHmacSecret("bench-hmac-secret-0123456789abcdef")]), FusionAuthSignatureSigner.ForHmac("bench-hmac-secret-0123456789abcdef", "hmac-1")),
            ("RS256 (JWKS)", new(FusionAuthJwks.Parse(jwks).Keys), FusionAuthSignatureSigner.ForRsa(rsa, "rsa-1")),
            ("ES256 (PEM)", new([FusionAuthVerificationKey.FromPem(ec.ExportSubjectPublicKeyInfoPem(), "ec-1")]), FusionAuthSignatureSigner.ForECDsa(ec, "ec-1")),
        };
        foreach (var (name, verifier, signer) in cases)
        {
            var jwt = signer.Sign(body);
            var samples = new double[count];
            for (var i = -count / 10; i < count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = verifier.Verify(jwt, body);
                if (i >= 0)
                {
                    samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                }

                if (!result.IsValid)
                {
                    output.WriteLine($"  {name}: refused: {result.Reason}");
                    return false;
                }
            }

            Array.Sort(samples);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-16} median {BenchContext.Percentile(samples, 0.5),8:N1} µs   p95 {BenchContext.Percentile(samples, 0.95),8:N1} µs   ({1_000_000 / samples.Average():N0}/s)"));
        }

        return true;
    }

    private static async Task FusionAuthWebhooksAsync(TextWriter output, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== FusionAuth webhooks (HS256 signature JWT) to the dashboard as its own process over an empty store: {rate}/s for {duration.TotalSeconds:N0} s from 64 connections"));
        var directory = Path.Combine(Path.GetTempPath(), "authevents-jose-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var address = new Uri($"http://127.0.0.1:{LiveBrowserBenchmark.FreePort()}/");
            var callback = new Uri(address, "webhooks/fusionauth");
            await using var dashboard = await DashboardProcess.StartAsync(
                address, Path.Combine(directory, "authevents.db"), directory, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                BenchStore.KeyFor(1), new Dictionary<string, string> { ["Sources__FusionAuth__Enabled"] = "true", ["Sources__FusionAuth__SigningSecret"] = secret },
                output, cancellationToken);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            var signer = FusionAuthSignatureSigner.ForHmac(secret, "bench");
            var sender = new WebhookSender(http, (ip, _) =>
            {
                var body = WebhookBody(Guid.NewGuid().ToString(), ip, DateTimeOffset.UtcNow);
                var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation(FusionAuthSignatureVerifier.HeaderName, signer.Sign(body));
                return request;
            });

            // Warm-up: JIT, connections and the store's first writes are not what is measured.
            await sender.SustainAsync(rate, TimeSpan.FromSeconds(5), cancellationToken);
            var cpuBefore = dashboard.CpuTime;
            var sent = await sender.SustainAsync(rate, duration, cancellationToken);
            var cpu = dashboard.CpuTime - cpuBefore;
            var acks = sent.AckMs.OrderBy(x => x).ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  FusionAuth webhooks: {sent.Sent:N0} in {sent.Elapsed.TotalSeconds:N1} s, {sent.Failed:N0} not 2xx; 2xx latency median {BenchContext.Percentile(acks, 0.5):N1} ms, p95 {BenchContext.Percentile(acks, 0.95):N1} ms, max {(acks.Length > 0 ? acks[^1] : 0):N1} ms; dashboard CPU {cpu.TotalMilliseconds / Math.Max(1, sent.Sent):N2} ms a webhook"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Calls per second of run over about the given time (checked every 16 calls so the clock costs nothing).
    private static double Rate(TimeSpan duration, Action<int> run)
    {
        var watch = Stopwatch.StartNew();
        var calls = 0;
        while ((calls & 15) != 0 || watch.Elapsed < duration)
        {
            run(calls++);
        }

        return calls / watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string ToBase64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    private static string Set(string jti, int i) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"jti":"{{{jti}}}","iat":1741027843,"iss":"https://secure.login.gov/","aud":"{{{Audience}}}","events":{"https://schemas.login.gov/secevent/attempts-api/event-type/login-email-and-password-auth":{"subject":{"subject_type":"session","session_id":"bench-{{{i}}}"},"occurred_at":1741027843.512345,"user_ip_address":"192.0.2.{{{i % 250}}}","email":"person{{{i}}}@example.com","success":{{{(i % 3 == 0 ? "false" : "true")}}}""") + "}}}";

    private static byte[] WebhookBody(string id, string ip, DateTimeOffset now) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$$"""{"event":{"createInstant":{{{now.ToUnixTimeMilliseconds()}}},"id":"{{{id}}}","type":"user.login.failed","applicationId":"10000000-0000-0002-0000-000000000001","authenticationType":"PASSWORD","tenantId":"e872a880-b14f-6d62-c312-cb40f22af465","info":{"ipAddress":"{{{ip}}}"},"user":{"id":"00000000-0000-0001-0000-000000000000","email":"bench-{{{ip}}}@example.com""") + "\"}}}");
}
