using System.Security.Cryptography;

namespace AuthEvents.Store;

/// <summary>
/// The two secrets the store needs: the payload encryption key and the linking (keyed hash) key. Configured
/// values win; otherwise keys are generated on first start and kept with the other <see cref="GeneratedSecrets"/>
/// (<c>keys.json</c> in the data folder, owner read/write only), so that hashes stay stable across restarts. Losing the file makes old raw payloads
/// unreadable and breaks linking with older events; production deployments should set both keys from secrets.
/// </summary>
public sealed class KeyRing
{
    private KeyRing(byte[] payloadKey, byte[] linkingKey, bool generated)
    {
        PayloadKey = payloadKey;
        LinkingKey = linkingKey;
        WasGenerated = generated;
    }

    public byte[] PayloadKey { get; }
    public byte[] LinkingKey { get; }

    /// <summary>True when at least one key came from the generated key file rather than configuration.</summary>
    public bool WasGenerated { get; }

    public static KeyRing Load(StoreOptions options, GeneratedSecrets generated)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generated);

        byte[] Resolve(string? configured, string name, int minLength)
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var bytes = Convert.FromBase64String(configured);
                return bytes.Length >= minLength
                    ? bytes
                    : throw new InvalidOperationException($"Storage:{name} must decode to at least {minLength} bytes.");
            }

            return Convert.FromBase64String(generated.GetOrAdd(name, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        }

        var payloadKey = Resolve(options.PayloadKey, "PayloadKey", 32);
        var linkingKey = Resolve(options.LinkingKey, "LinkingKey", 32);
        if (payloadKey.Length != 32)
        {
            throw new InvalidOperationException("Storage:PayloadKey must decode to exactly 32 bytes.");
        }

        return new KeyRing(payloadKey, linkingKey, string.IsNullOrWhiteSpace(options.PayloadKey) || string.IsNullOrWhiteSpace(options.LinkingKey));
    }
}
