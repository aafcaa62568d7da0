using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace AuthEvents.Core.LoginGov;

/// <summary>The members of a JWE or JWS protected header that the decoder acts on.</summary>
internal sealed class JoseHeader
{
    // Login.gov's headers are under 200 characters; a cap keeps junk from reaching the JSON parser.
    private const int MaxEncodedLength = 4096;

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private JoseHeader(string? alg, string? enc, string? zip, string? kid, bool hasCrit)
    {
        Alg = alg;
        Enc = enc;
        Zip = zip;
        Kid = kid;
        HasCrit = hasCrit;
    }

    internal string? Alg { get; }

    internal string? Enc { get; }

    internal string? Zip { get; }

    internal string? Kid { get; }

    internal bool HasCrit { get; }

    /// <summary>Decodes and parses a base64url protected header. The error names the problem, never header text.</summary>
    internal static bool TryParse(string segment, out JoseHeader header, out string error)
    {
        header = new JoseHeader(null, null, null, null, false);
        if (segment.Length == 0)
        {
            error = "is empty";
            return false;
        }

        if (segment.Length > MaxEncodedLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxEncodedLength} characters");
            return false;
        }

        if (!Base64UrlText.TryDecode(segment, out var json))
        {
            error = "is not base64url";
            return false;
        }

        // JsonDocument defers UTF-8 validation of strings to GetString, which would then throw.
        if (!Utf8.IsValid(json))
        {
            error = "is not valid UTF-8";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json, ParseOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "is not a JSON object";
                return false;
            }

            // Duplicate members are rejected by the parser: a header read one way here and another way elsewhere
            // is how algorithm-confusion attacks start.
            if (!TryReadString(root, "alg", out var alg, out error)
                || !TryReadString(root, "enc", out var enc, out error)
                || !TryReadString(root, "zip", out var zip, out error)
                || !TryReadString(root, "kid", out var kid, out error))
            {
                return false;
            }

            header = new JoseHeader(alg, enc, zip, kid, root.TryGetProperty("crit", out _));
            error = "";
            return true;
        }
        catch (JsonException)
        {
            error = "is not valid JSON or repeats a member";
            return false;
        }
    }

    private static bool TryReadString(JsonElement root, string name, out string? value, out string error)
    {
        value = null;
        error = "";
        if (!root.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = "member '" + name + "' is not a string";
            return false;
        }

        value = element.GetString();
        return true;
    }
}
