using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Core.Tokens;

/// <summary>
/// Decodes the parts of compact JOSE tokens with IdentityModel's base64url, accepting a part only in the exact form the
/// library would write it: both libraries also read padding, '+', '/', spaces and non-zero unused bits, and a token is
/// accepted only as it was protected (docs/protocols/jose.md).
/// </summary>
internal static class CanonicalBase64Url
{
    public static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(part);
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }

        if (string.Equals(Base64UrlEncoder.Encode(bytes), part, StringComparison.Ordinal))
        {
            return true;
        }

        bytes = [];
        return false;
    }

    public static bool IsCanonical(string part) => TryDecode(part, out _);
}
