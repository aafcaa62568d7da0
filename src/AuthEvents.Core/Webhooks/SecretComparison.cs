using System.Security.Cryptography;
using System.Text;

namespace AuthEvents.Core.Webhooks;

/// <summary>
/// Constant-time equality for configured shared secrets. Both sides are hashed first so that the comparison takes the
/// same time whatever the lengths, and a wrong guess leaks neither the secret's bytes nor its length.
/// </summary>
internal static class SecretComparison
{
    public static byte[] Fingerprint(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(ReadOnlySpan<byte> candidate, byte[] fingerprint) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(candidate), fingerprint);
}
